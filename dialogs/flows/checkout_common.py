"""What the checkout, payment and my-orders flows share: ids from payloads and text, the
customer's own orders, and when a step lets a message go to the rest of the bot."""

from __future__ import annotations

from dialogs import router
from dialogs.context import Context
from dialogs.contract import Button
from domain.order import Order, OrderStatus
from domain.payment import PaymentStatus
from nlu import EntityType, Intent

MAX_ID = 2**31 - 1  # ids are database integers: a longer number names nothing
LABEL_CHARS = 40
SURE = 0.9  # how confident the NLU must be before free text in a typing step means "elsewhere"

# In a step that waits for free text (an address), only these, said clearly, leave the step.
NAVIGATION = frozenset({
    Intent.BROWSE_CATALOG, Intent.SEARCH_PRODUCT, Intent.VIEW_CART, Intent.ADD_TO_CART,
    Intent.ORDER_STATUS, Intent.HELP, Intent.HUMAN_HANDOFF, Intent.SUPPORT_REQUEST,
})
# In a step that waits for a choice or a file, anything else the NLU is sure of leaves it;
# these are small talk or the step's own subject ("hola, ya transferí"), not another errand.
NOT_AN_ERRAND = frozenset({Intent.AFFIRM, Intent.DENY, Intent.OUT_OF_SCOPE, Intent.THANKS,
                           Intent.GREET, Intent.PAY})


def as_id(raw: object) -> int | None:
    """A positive database id from a payload argument or an entity; None for anything else."""
    text = str(raw).strip() if raw is not None else ""
    if not (text.isascii() and text.isdigit()) or len(text) > 10:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def as_index(raw: object) -> int | None:
    """A position in a short list (0, 1, 2…) from a payload argument."""
    text = str(raw).strip() if raw is not None else ""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 4 else None


def order_number(ctx: Context) -> int | None:
    """The order a message names: "pedido 1234", or the only number in "mi pedido 12"."""
    parse = ctx.parse()
    found = parse.first(EntityType.ORDER_NUMBER)
    if found is None:
        numbers = parse.values(EntityType.QUANTITY)
        found = numbers[0] if len(numbers) == 1 else None
    return as_id(found)


def own_order(ctx: Context, raw: object) -> Order | None:
    """The order `raw` names if it is this customer's; None for anyone else's or no order."""
    order_id, customer = as_id(raw), ctx.customer
    if order_id is None or customer is None:
        return None
    order = ctx.uow.orders.get(order_id)
    return order if order is not None and order.customer_id == customer.id else None


def has_pending_payment(ctx: Context, order: Order) -> bool:
    return any(payment.status is PaymentStatus.PENDING
               for payment in ctx.uow.payments.for_order(order.id))


def awaits_payment(order: Order) -> bool:
    return order.status is not OrderStatus.CANCELLED and not order.is_paid


def order_label(ctx: Context, order: Order) -> str:
    return ctx.t.t("orders.label", order=order.id, date=ctx.t.date(order.placed_at),
                   total=ctx.t.money(order.totals.total))


def short(text: str) -> str:
    """A button label a channel can show whole."""
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "…"


def menu_button(ctx: Context) -> Button:
    return ctx.button("menu.main", "menu")


def not_found(ctx: Context) -> None:
    ctx.say("orders.not_found", ctx.button("menu.orders", "orders"), menu_button(ctx))


def left_for(ctx: Context, intents: frozenset[Intent] | None = None) -> bool:
    """When the text clearly asks for something else, let the bot answer that instead.

    With `intents`, a typing step: only those, at high confidence. Without, a choice or
    file step: any errand the NLU is sure of."""
    if not ctx.incoming.text:
        return False
    parse = ctx.parse()
    if parse.uncertain:
        return False
    if intents is not None:
        wanted = parse.intent in intents and parse.confidence >= SURE
    else:
        wanted = parse.intent not in NOT_AN_ERRAND
    if wanted:
        router.understand(ctx)
    return wanted
