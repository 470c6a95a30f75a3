"""The quote: delivery or pickup, an optional promo code, then the priced quote as a message and
as a PDF, with the way on to the order.

Payloads: "quote", "quote:delivery" / "quote:pickup" (choose and quote), "quote:code" (ask for a
promo code), "quote:nocode" (quote without the code). Steps quote/delivery and quote/code.
"""

from __future__ import annotations

import re
from enum import StrEnum

from dialogs.context import Context
from dialogs.contract import Reply
from dialogs.flows.cart_ops import cart_lines, show_cart
from dialogs.flows.catalog_shared import (
    leave_step,
    names_products,
    sku_ref,
    step_text,
    wants_something_else,
)
from dialogs.flows.quote_message import pickup_address, quote_text
from dialogs.registry import action, intent, last_chance, step
from dialogs.router import MAX_TEXT
from domain.catalog import fold
from domain.errors import OutOfStock, PromotionNotApplicable
from domain.money import Money
from domain.pricing import CartItem, DeliveryMethod
from domain.promotions import normalize_code
from domain.quote import Quote
from domain.services.quoting import CODE_REFUSALS, build_quote
from nlu import EntityType, Intent

FLOW = "quote"
CODE_SHAPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{1,29}")
WORD_SEPARATORS = re.compile(r"[^\w-]+")
MAX_WORDS = 20
MIN_CODE = 4  # shorter capitals are more likely "OK" or "SI" than a code


class Step(StrEnum):
    DELIVERY = "delivery"  # delivery or pickup, when the shop offers pickup
    CODE = "code"  # the promo code the customer has


@action("quote")
def quote_button(ctx: Context, args: list[str]) -> None:
    ctx.end_flow()
    choice = args[0] if args else ""
    if choice in (DeliveryMethod.DELIVERY, DeliveryMethod.PICKUP):
        ctx.data.delivery = choice
    elif choice == "code":
        ask_code(ctx)
        return
    elif choice == "nocode":
        ctx.data.promo_code = None
    elif choice:
        ctx.say("errors.stale_button", ctx.button("cart.view", "cart"))
        return
    prepare_quote(ctx)


@intent("request_quote")
def quote_by_text(ctx: Context) -> None:
    ctx.end_flow()
    prepare_quote(ctx)


@intent("apply_promo")
def promo_by_text(ctx: Context) -> None:
    ctx.end_flow()
    code = ctx.parse().first(EntityType.PROMO_CODE) or known_code(ctx)
    if code is None:
        ask_code(ctx)
        return
    ctx.data.promo_code = normalize_code(str(code))[:30]
    prepare_quote(ctx)


@last_chance
def code_typed_alone(ctx: Context) -> bool:
    """A promo code typed on its own ("BIENVENIDA") is asking for it to be applied."""
    if known_code(ctx) is not None:
        promo_by_text(ctx)
        return True
    if ctx.data.quote_id is not None and looks_like_a_code(ctx.incoming.text or ""):
        ctx.say("quote.unknown_code", ctx.button("quote.have_code", "quote:code"),
                ctx.button("quote.confirm", f"checkout:{ctx.data.quote_id}"),
                code=normalize_code(ctx.incoming.text or "")[:30])
        return True
    return False


def looks_like_a_code(text: str) -> bool:
    """One word typed the way codes are written ("NOEXISTE", "PROMO10"), not "hola"."""
    word = text.strip()
    return bool(CODE_SHAPE.fullmatch(word)) and len(word) >= MIN_CODE and (
        word.isupper() or (any(c.isdigit() for c in word) and any(c.isalpha() for c in word)))


def known_code(ctx: Context) -> str | None:
    """A word of the message that is one of the shop's codes, however it was typed
    ("tengo el código bienvenida")."""
    words = WORD_SEPARATORS.split(ctx.incoming.text or "")[:MAX_WORDS]
    for word in words:
        if len(word) >= 3 and CODE_SHAPE.fullmatch(word) and \
                ctx.uow.promotions.by_code(normalize_code(word)) is not None:
            return word
    return None


def prepare_quote(ctx: Context) -> None:
    """Whatever is missing is asked first: a cart, a registered customer, how it is delivered."""
    if not cart_lines(ctx):
        show_cart(ctx)
        return
    if ctx.customer is None:
        from dialogs.flows.registration import start_registration  # written alongside
        start_registration(ctx, "quote")
        return
    if not ctx.shop.shipping.pickup_enabled:
        ctx.data.delivery = DeliveryMethod.DELIVERY
    if ctx.data.delivery not in (DeliveryMethod.DELIVERY, DeliveryMethod.PICKUP):
        ask_delivery(ctx)
        return
    quote = priced(ctx)
    if quote is not None:
        send_quote(ctx, quote)


def ask_delivery(ctx: Context) -> None:
    shipping, t = ctx.shop.shipping, ctx.t
    fee = t.money(Money(shipping.flat_fee, ctx.shop.currency))
    if shipping.free_above is not None:
        cost = t.t("quote.delivery_fee_free_above", fee=fee,
                   threshold=t.money(Money(shipping.free_above, ctx.shop.currency)))
    else:
        cost = t.t("quote.delivery_fee", fee=fee)
    ctx.go(FLOW, Step.DELIVERY)
    ctx.say("quote.ask_delivery",
            ctx.button("delivery_methods.delivery", f"quote:{DeliveryMethod.DELIVERY}"),
            ctx.button("delivery_methods.pickup", f"quote:{DeliveryMethod.PICKUP}"),
            cost=cost, address=pickup_address(ctx))


@step(FLOW, Step.DELIVERY)
def delivery_typed(ctx: Context) -> None:
    """The words of either choice ("envío", "retiro") choose it; other clear wishes leave."""
    words = set(WORD_SEPARATORS.split(fold(ctx.incoming.text or "")[:MAX_TEXT]))
    chosen = [method for method in DeliveryMethod
              if words & set(fold(ctx.t.t(f"quote.words.{method}")).split())]
    if len(chosen) == 1:
        ctx.end_flow()
        ctx.data.delivery = chosen[0]
        prepare_quote(ctx)
    elif wants_something_else(ctx) or names_products(ctx):
        leave_step(ctx)
    elif step_text(ctx) is not None:
        ask_delivery(ctx)


def ask_code(ctx: Context) -> None:
    ctx.go(FLOW, Step.CODE)
    ctx.say("quote.ask_code", ctx.button("quote.no_code", "quote:nocode"))


@step(FLOW, Step.CODE)
def code_typed(ctx: Context) -> None:
    """A code, alone or in a sentence; "no tengo" quotes without one; other wishes leave."""
    text = (ctx.incoming.text or "").strip()[:MAX_TEXT]
    code = (ctx.parse().first(EntityType.PROMO_CODE) or known_code(ctx)) if text else None
    if code is None and (wants_something_else(ctx) or names_products(ctx)):
        leave_step(ctx)
        return
    if code is None and CODE_SHAPE.fullmatch(text):
        code = text
    if code is not None:
        ctx.data.promo_code = normalize_code(str(code))[:30]
    elif step_text(ctx) is None:
        return
    elif ctx.parse().uncertain or ctx.parse().intent is not Intent.DENY:
        ctx.say("quote.code_shape", ctx.button("quote.no_code", "quote:nocode"))
        return
    ctx.end_flow()
    prepare_quote(ctx)


def priced(ctx: Context) -> Quote | None:
    """A quote of the cart; a refused code is explained and the quote made without it."""
    assert ctx.customer is not None and ctx.customer.id is not None
    items = [CartItem(line.product.sku, line.quantity) for line in cart_lines(ctx)]
    delivery = DeliveryMethod(ctx.data.delivery)
    try:
        try:
            return build_quote(ctx.uow, ctx.shop, customer_id=ctx.customer.id, items=items,
                               code=ctx.data.promo_code, delivery=delivery)
        except PromotionNotApplicable as refusal:
            explain_refusal(ctx, refusal)
            ctx.data.promo_code = None
            return build_quote(ctx.uow, ctx.shop, customer_id=ctx.customer.id, items=items,
                               delivery=delivery)
    except OutOfStock as shortage:
        explain_shortage(ctx, shortage)
        return None


def explain_refusal(ctx: Context, refusal: PromotionNotApplicable) -> None:
    reason = str(refusal.details.get("reason"))
    code = str(refusal.details.get("code") or ctx.data.promo_code)
    promotion = ctx.uow.promotions.by_code(code)
    minimum = ""
    if promotion is not None and reason == "min_amount" and promotion.min_amount is not None:
        minimum = ctx.t.money(Money(promotion.min_amount, ctx.shop.currency))
    elif promotion is not None and reason == "min_quantity" and promotion.min_quantity:
        minimum = ctx.t.number(promotion.min_quantity)
    key = f"quote.refused.{reason}" if reason in CODE_REFUSALS else \
        "errors.promotion_not_applicable"
    ctx.say(key, code=code, minimum=minimum)


def explain_shortage(ctx: Context, shortage: OutOfStock) -> None:
    sku = str(shortage.details.get("sku"))
    available = int(str(shortage.details.get("available") or 0))
    product = ctx.uow.catalog.get(sku)
    name = product.name if product is not None else sku
    keep = [ctx.button("cart.take_all", f"cart:set:{sku_ref(sku)}:{available}",
                       count=ctx.t.number(available))] if available > 0 else []
    ctx.say("quote.short", *keep, ctx.button("buttons.remove", f"cart:rm:{sku_ref(sku)}"),
            ctx.button("cart.view", "cart"), product=name, available=ctx.t.number(available))


def send_quote(ctx: Context, quote: Quote) -> None:
    assert ctx.customer is not None
    quote.send()
    ctx.data.quote_id = quote.id
    ctx.send(Reply(quote_text(ctx, quote)))
    buttons = [ctx.button("quote.confirm", f"checkout:{quote.id}")]
    if not quote.promo_code:
        buttons.append(ctx.button("quote.have_code", "quote:code"))
    if ctx.shop.shipping.pickup_enabled:
        other = DeliveryMethod.DELIVERY if quote.delivery is DeliveryMethod.PICKUP \
            else DeliveryMethod.PICKUP
        buttons.append(ctx.button(f"quote.switch_to_{other}", f"quote:{other}"))
    buttons.append(ctx.button("quote.change_cart", "cart"))
    customer, t = ctx.customer, ctx.t
    ctx.send_document("quote.pdf", t.t("quote.filename", number=quote.id),
                      lambda: ctx.deps.renderer.quote(quote, customer, t), *buttons)
