"""Support: a ticket about one of the customer's orders or in general, with a description.

"Talk to a person" is the same ticket at high priority, and its description may be skipped
(the last thing the customer wrote, or a standard text, tells the team what it is about).
The form waits in `ctx.data.draft`: "order" (an id re-checked to be theirs), "priority",
"said".
"""

from __future__ import annotations

import re
from enum import StrEnum

from dialogs.context import Context
from dialogs.contract import Button
from dialogs.flows.registration import start_registration
from dialogs.flows.registration_fields import leaves_step, wants_to_skip
from dialogs.flows.handoff_text import team_translator
from dialogs.menus import main_menu_buttons
from dialogs.registry import action, command, intent, step
from domain.customer import Customer
from domain.order import Order
from domain.services.handoff import address, open_handoff
from domain.services.support import open_ticket
from domain.ticket import MAX_MESSAGE, Priority
from nlu import EntityType

FLOW = "support"
RECENT_ORDERS = 5
MIN_DESCRIPTION = 3
# "#12", "pedido 12", "orden nro. 12", "order number 12"; alone, only at the choice step
_ORDER_NUMBER = re.compile(
    r"(?:#|\b(?:pedido|orden|order|compra|n[°º]|nro|no|num|número|numero|number)\.?)"
    r"\s*(?:(?:n[°º]|nro|número|numero|number)\.?\s*)?#?\s*(\d{1,9})\b", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\D{0,12}?(\d{1,9})\W*$")


class Step(StrEnum):
    CHOOSE = "choose"  # which order, or a general question
    DESCRIBE = "describe"


@action("support")
def support_button(ctx: Context, args: list[str]) -> None:
    """support | support:order:<id> | support:general | support:skip"""
    command, value = (args + ["", ""])[:2]
    customer = ctx.customer
    if not command or customer is None:
        support(ctx)
        return
    if command in ("order", "general") and ctx.conversation.flow != FLOW:
        ctx.data.draft = {}  # an old button: a new, ordinary ticket
    if command == "order":
        _order_chosen(ctx, customer, value)
    elif command == "general":
        _ask_description(ctx, None)
    elif command == "skip" and _in_step(ctx, Step.DESCRIBE) and _urgent(ctx):
        _skip_description(ctx, customer)
    else:
        ctx.say("errors.stale_button", *main_menu_buttons(ctx))


@intent("support_request")
def support(ctx: Context) -> None:
    _start(ctx, urgent=False)


@action("human")
@intent("human_handoff")
def human(ctx: Context, args: list[str] | None = None) -> None:
    """Asked in words (`args` is None), those words are what the team reads first."""
    said = (ctx.incoming.text or "").strip() if args is None else ""
    _start(ctx, urgent=True, said=said)


@command("/humano", "/agent", "/soporte", "/support")
def human_command(ctx: Context) -> None:
    human(ctx, [])


def _start(ctx: Context, urgent: bool, said: str = "") -> None:
    customer = ctx.customer
    if customer is None:
        start_registration(ctx, resume="human" if urgent else "support")
        return
    ctx.data.draft = {"priority": Priority.HIGH.value} if urgent else {}
    if said:
        ctx.data.draft["said"] = said[:MAX_MESSAGE]
    orders = _recent_orders(ctx, customer)
    named = _order_named(ctx, orders)
    if named is not None or not orders:
        _ask_description(ctx, named)
        return
    ctx.go(FLOW, Step.CHOOSE)
    _offer_orders(ctx, "support.choose", orders)


def _recent_orders(ctx: Context, customer: Customer) -> list[Order]:
    assert customer.id is not None
    orders = ctx.uow.orders.for_customer(customer.id)
    return sorted(orders, key=lambda order: order.placed_at, reverse=True)[:RECENT_ORDERS]


def _order_named(ctx: Context, orders: list[Order], bare: bool = False) -> Order | None:
    """An order of theirs the text names: "#12", "pedido 12" (or "el 12" when `bare`)."""
    text = ctx.incoming.text or ""
    if not text or text.startswith("/"):
        return None
    numbers = _ORDER_NUMBER.findall(text) + (_BARE_NUMBER.findall(text) if bare else [])
    named = {str(number).lstrip("0") for number in
             [*numbers, ctx.parse().first(EntityType.ORDER_NUMBER) or ""]}
    return next((order for order in orders if str(order.id) in named), None)


def _offer_orders(ctx: Context, key: str, orders: list[Order]) -> None:
    buttons = [ctx.button("support.order_button", f"support:order:{order.id}",
                          number=order.id, date=ctx.t.date(order.placed_at))
               for order in orders]
    ctx.say(key, *buttons, ctx.button("support.general", "support:general"),
            ctx.button("buttons.cancel", "cancel"))


@step(FLOW, Step.CHOOSE)
def choose_by_text(ctx: Context) -> None:
    customer = ctx.customer
    if customer is None:
        support(ctx)
        return
    orders = _recent_orders(ctx, customer)
    named = _order_named(ctx, orders, bare=True)
    if named is not None:
        _ask_description(ctx, named)
    elif not leaves_step(ctx):
        _offer_orders(ctx, "support.choose_hint", orders)


def _order_chosen(ctx: Context, customer: Customer, order_id: str) -> None:
    """A button names an order: it must exist and be this customer's (payloads lie)."""
    order = ctx.uow.orders.get(int(order_id)) if order_id.isdigit() and \
        len(order_id) <= 9 else None
    if order is None or order.customer_id != customer.id:
        ctx.go(FLOW, Step.CHOOSE)
        _offer_orders(ctx, "support.order_not_found", _recent_orders(ctx, customer))
        return
    _ask_description(ctx, order)


def _ask_description(ctx: Context, order: Order | None) -> None:
    if order is None:
        ctx.data.draft.pop("order", None)
    else:
        ctx.data.draft["order"] = str(order.id)
    ctx.go(FLOW, Step.DESCRIBE)
    key = "support.describe_optional" if _urgent(ctx) else \
        "support.describe_order" if order else "support.describe"
    ctx.say(key, *_describe_buttons(ctx), number=order.id if order else "")


@step(FLOW, Step.DESCRIBE)
def describe(ctx: Context) -> None:
    customer = ctx.customer
    text = " ".join((ctx.incoming.text or "").split())
    if customer is None:
        support(ctx)
    elif _urgent(ctx) and wants_to_skip(ctx):
        _skip_description(ctx, customer)
    elif not text:
        ctx.say("support.not_text", *_describe_buttons(ctx))
    elif len(text) > MAX_MESSAGE:
        ctx.say("support.too_long", *_describe_buttons(ctx), limit=ctx.t.number(MAX_MESSAGE))
    elif sum(ch.isalnum() for ch in text) < MIN_DESCRIPTION:
        ctx.say("support.too_short", *_describe_buttons(ctx))
    else:
        _open(ctx, customer, text)


def _skip_description(ctx: Context, customer: Customer) -> None:
    """Only a person's help may go without a description: what they said stands in."""
    _open(ctx, customer, ctx.data.draft.get("said") or _standard_text(ctx))


def _describe_buttons(ctx: Context) -> list[Button]:
    skip = [ctx.button("support.skip", "support:skip")] if _urgent(ctx) else []
    return [*skip, ctx.button("buttons.cancel", "cancel")]


def _open(ctx: Context, customer: Customer, description: str) -> None:
    assert customer.id is not None
    order = ctx.data.draft.get("order")
    urgent = _urgent(ctx)
    order_id = int(order) if order else None
    if urgent:  # for a person: what was said before goes with it
        incoming = ctx.incoming
        ticket = open_handoff(ctx.uow, ctx.shop, customer_id=customer.id,
                              description=description, order_id=order_id,
                              transcript=[(who, text) for who, text in ctx.data.recent],
                              customer_chat=address(incoming.channel, incoming.chat_id))
        ctx.data.recent = []
    else:
        ticket = open_ticket(ctx.uow, ctx.shop, customer_id=customer.id,
                             description=description, order_id=order_id)
    ctx.data.draft = {}
    ctx.end_flow()
    key = "support.handoff" if urgent else \
        "support.opened_order" if order else "support.opened"
    ctx.say(key, *main_menu_buttons(ctx), number=ticket.id, order=order or "",
            due=ctx.t.datetime(ticket.first_response_due))


def _urgent(ctx: Context) -> bool:
    return ctx.data.draft.get("priority") == Priority.HIGH.value


def _in_step(ctx: Context, which: Step) -> bool:
    return ctx.conversation.flow == FLOW and ctx.conversation.step == which


def _standard_text(ctx: Context) -> str:
    """Written for the team, so in the business's language."""
    return team_translator(ctx).t("support.standard_text")
