"""Checkout: from the customer's quote to a placed order.

delivery address (or the pickup point) → payment method → summary with the conditions of
sale → confirm → the order, its PDF and how to pay. Every payload is checked again: the
quote must be this customer's, unexpired and not accepted yet.
"""

from __future__ import annotations

from enum import StrEnum

from dialogs.context import Context
from dialogs.contract import Button
from dialogs.flows import payment
from dialogs.flows.checkout_common import (
    NAVIGATION,
    SURE,
    as_id,
    as_index,
    left_for,
    menu_button,
    short,
)
from dialogs.flows.checkout_summary import (
    in_stock,
    names_other_method,
    new_quote_button,
    payment_method_named,
    summary,
)
from dialogs.menus import main_menu_buttons
from dialogs.registry import action, intent, step
from domain.customer import Customer
from domain.errors import InvalidValue
from domain.order import Order, OrderStatus
from domain.pricing import DeliveryMethod
from domain.quote import Quote, QuoteStatus
from domain.services.customers import add_address
from domain.services.ordering import place_order
from nlu import Intent

FLOW = "checkout"
MAX_ADDRESS_BUTTONS = 8


class Step(StrEnum):
    ADDRESS = "address"
    PAYMENT = "payment"
    CONFIRM = "confirm"


@action("checkout")
def checkout(ctx: Context, args: list[str]) -> None:
    match args:
        case [quote_id]:
            start(ctx, quote_id)
        case ["addr", index]:
            choose_address(ctx, index)
        case ["pay", method]:
            choose_payment(ctx, method)
        case ["confirm", quote_id]:
            confirm(ctx, quote_id)
        case _:
            ctx.say("errors.stale_button", *main_menu_buttons(ctx))


@intent("confirm_order")
def confirm_by_text(ctx: Context) -> None:
    if ctx.data.quote_id is None:
        ctx.say("checkout.no_quote", ctx.button("menu.cart", "cart"), menu_button(ctx))
        return
    start(ctx, ctx.data.quote_id)


def start(ctx: Context, raw: object) -> None:
    customer = ctx.customer
    quote_id = as_id(raw)
    if quote_id is not None and customer is None:
        from dialogs.flows.registration import start_registration
        start_registration(ctx, resume=f"checkout:{quote_id}")
        return
    quote = usable_quote(ctx, quote_id)
    if quote is None or customer is None:
        return
    ctx.data.quote_id = quote.id
    ctx.data.address = None
    ctx.data.payment_method = None
    if quote.delivery is DeliveryMethod.PICKUP:
        ctx.say("checkout.pickup", address=pickup_address(ctx))
        ask_payment(ctx)
    else:
        ask_address(ctx, customer)


def usable_quote(ctx: Context, quote_id: int | None) -> Quote | None:
    """The customer's quote if it can still become an order; else say why and None."""
    customer = ctx.customer
    quote = ctx.uow.quotes.get(quote_id) if quote_id is not None else None
    if quote is None or customer is None or quote.customer_id != customer.id:
        ctx.say("checkout.not_found", ctx.button("menu.cart", "cart"), menu_button(ctx))
        return None
    if quote.status is QuoteStatus.ACCEPTED:
        already_confirmed(ctx, quote)
        return None
    if quote.status is QuoteStatus.REJECTED:
        replaced(ctx, quote)
        return None
    if not quote.is_open(ctx.shop.clock.now()):
        forget_quote(ctx, quote.id)
        ctx.say("checkout.expired", new_quote_button(ctx), menu_button(ctx),
                date=ctx.t.datetime(quote.valid_until))
        return None
    return quote


def replaced(ctx: Context, quote: Quote) -> None:
    """A newer quote superseded this one: offer the conversation's latest, if still open."""
    forget_quote(ctx, quote.id)
    latest = ctx.uow.quotes.get(ctx.data.quote_id) if ctx.data.quote_id is not None else None
    if latest is None or latest.customer_id != quote.customer_id \
            or not latest.is_open(ctx.shop.clock.now()):
        ctx.say("checkout.replaced", new_quote_button(ctx), menu_button(ctx))
        return
    ctx.say("checkout.replaced_by", ctx.button("checkout.latest", f"checkout:{latest.id}"),
            new_quote_button(ctx), menu_button(ctx), latest=latest.id,
            total=ctx.t.money(latest.totals.total))


def current_quote(ctx: Context) -> Quote | None:
    """The quote of the checkout under way, checked again."""
    if ctx.data.quote_id is None:
        ctx.say("checkout.no_quote", ctx.button("menu.cart", "cart"), menu_button(ctx))
        return None
    return usable_quote(ctx, ctx.data.quote_id)


def already_confirmed(ctx: Context, quote: Quote) -> None:
    forget_quote(ctx, quote.id)
    order = ctx.uow.orders.for_quote(quote.id)
    if order is None or order.customer_id != quote.customer_id:
        ctx.say("checkout.not_found", ctx.button("menu.cart", "cart"), menu_button(ctx))
        return
    ctx.say("checkout.already_confirmed", ctx.button("checkout.see_order",
                                                     f"orders:show:{order.id}"),
            menu_button(ctx), order=order.id)


def forget_quote(ctx: Context, quote_id: int | None) -> None:
    if ctx.data.quote_id == quote_id:
        ctx.data.quote_id = None
    if ctx.conversation.flow == FLOW:
        ctx.end_flow()


def ask_address(ctx: Context, customer: Customer) -> None:
    buttons = [Button(short(address), f"checkout:addr:{index}")
               for index, address in enumerate(customer.addresses[:MAX_ADDRESS_BUTTONS])]
    ctx.go(FLOW, Step.ADDRESS)
    ctx.say("checkout.address.ask" if buttons else "checkout.address.ask_new", *buttons,
            cancel_button(ctx))


def choose_address(ctx: Context, raw: object) -> None:
    quote, customer = current_quote(ctx), ctx.customer
    if quote is None or customer is None:
        return
    index = as_index(raw)
    if index is None or index >= len(customer.addresses):
        ctx.say("checkout.address.unknown")
        ask_address(ctx, customer)
        return
    ctx.data.address = customer.addresses[index]
    ask_payment(ctx)


@step(FLOW, Step.ADDRESS)
def address_typed(ctx: Context) -> None:
    text, customer = (ctx.incoming.text or "").strip(), ctx.customer
    if not text:
        ctx.say("checkout.address.location" if ctx.incoming.location is not None
                else "errors.expected_text")
        if customer is not None:
            ask_address(ctx, customer)
        return
    number = as_id(text)
    if number is not None and customer is not None and number <= len(customer.addresses):
        choose_address(ctx, number - 1)  # the number of a saved address, as listed
        return
    if left_for(ctx, NAVIGATION) or current_quote(ctx) is None or customer is None:
        return
    try:
        ctx.data.address = add_address(ctx.uow, customer.id, text)
    except InvalidValue:  # nothing was changed: the address is checked before it is added
        ctx.say("checkout.address.invalid", cancel_button(ctx))
        return
    ask_payment(ctx)


def offered_methods(ctx: Context) -> tuple[str, ...]:
    """The configured methods that can pay this quote (cash on delivery has a limit)."""
    quote = ctx.uow.quotes.get(ctx.data.quote_id) if ctx.data.quote_id else None
    return ctx.shop.payment_methods_for(quote.totals.total) if quote \
        else ctx.shop.payment_methods


def ask_payment(ctx: Context, key: str = "checkout.payment.ask") -> None:
    ctx.go(FLOW, Step.PAYMENT)
    ctx.say(key,
            *(ctx.button(f"payment_methods.{method}", f"checkout:pay:{method}")
              for method in offered_methods(ctx)),
            cancel_button(ctx))


def choose_payment(ctx: Context, method: str) -> None:
    quote, customer = current_quote(ctx), ctx.customer
    if quote is None or customer is None:
        return
    if method not in offered_methods(ctx):
        ctx.say("checkout.payment.unknown")
        ask_payment(ctx)
        return
    if quote.delivery is DeliveryMethod.DELIVERY and ctx.data.address not in customer.addresses:
        ask_address(ctx, customer)
        return
    ctx.data.payment_method = method
    ctx.go(FLOW, Step.CONFIRM)
    ctx.send(summary(ctx, quote, method, delivery_address(ctx, quote),
                     (confirm_button(ctx, quote), cancel_button(ctx))))


@step(FLOW, Step.PAYMENT)
def payment_typed(ctx: Context) -> None:
    text = ctx.incoming.text or ""
    method = payment_method_named(ctx, text)
    if method is not None:
        choose_payment(ctx, method)
    elif names_other_method(ctx, text):
        ctx.say("checkout.payment.unknown")
        ask_payment(ctx)
    elif not left_for(ctx):
        ask_payment(ctx, "checkout.payment.ask_again")


@step(FLOW, Step.CONFIRM)
def confirm_typed(ctx: Context) -> None:
    parse = ctx.parse() if ctx.incoming.text else None
    said = parse.intent if parse is not None and not parse.uncertain else None
    sure = parse is not None and parse.confidence >= SURE  # "don't confirm" is no yes
    if said is Intent.AFFIRM or (said is Intent.CONFIRM_ORDER and sure):
        confirm(ctx, ctx.data.quote_id)
    elif said in (Intent.DENY, Intent.CANCEL_ORDER):
        ctx.end_flow()
        ctx.data.payment_method = None
        ctx.say("checkout.dropped", ctx.button("menu.cart", "cart"), menu_button(ctx))
    elif said is Intent.CONFIRM_ORDER or not left_for(ctx):
        quote = current_quote(ctx)
        if quote is not None:
            ctx.say("checkout.confirm_or_cancel", confirm_button(ctx, quote),
                    cancel_button(ctx))


def confirm(ctx: Context, raw: object) -> None:
    quote_id, method = as_id(raw), ctx.data.payment_method
    if quote_id is None or quote_id != ctx.data.quote_id or method is None:
        start(ctx, raw)  # a stale or early confirmation: go through the checks and steps
        return
    quote, customer = usable_quote(ctx, quote_id), ctx.customer
    if quote is None or customer is None:
        return
    if method not in offered_methods(ctx):
        ask_payment(ctx)
        return
    if not in_stock(ctx, quote):
        forget_quote(ctx, quote.id)
        return
    order = place_order(ctx.uow, ctx.shop, customer_id=customer.id, quote_id=quote.id,
                        payment_method=method, delivery_address=ctx.data.address)
    placed(ctx, order, customer)


def placed(ctx: Context, order: Order, customer: Customer) -> None:
    ctx.end_flow()
    ctx.data.cart = {}
    ctx.data.quote_id = None
    ctx.data.promo_code = None
    ctx.data.address = None
    ctx.data.payment_method = None
    ctx.data.order_id = order.id
    key = "checkout.placed.approved" if order.status is OrderStatus.APPROVED \
        else "checkout.placed.review"
    t = ctx.t
    ctx.send_document(key, t.t("checkout.order_file", order=order.id),
                      lambda: ctx.deps.renderer.order(order, customer, t),
                      order=order.id, total=ctx.t.money(order.totals.total))
    payment.instructions(ctx, order)


def delivery_address(ctx: Context, quote: Quote) -> str:
    if quote.delivery is DeliveryMethod.PICKUP:
        return pickup_address(ctx)
    return ctx.data.address or ""


def pickup_address(ctx: Context) -> str:
    return ctx.shop.shipping.pickup_address or ctx.deps.profile.pickup_address \
        or ctx.shop.invoicing.seller.address


def confirm_button(ctx: Context, quote: Quote) -> Button:
    return ctx.button("checkout.confirm", f"checkout:confirm:{quote.id}")


def cancel_button(ctx: Context) -> Button:
    return ctx.button("buttons.cancel", "cancel")
