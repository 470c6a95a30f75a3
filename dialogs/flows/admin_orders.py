"""Staff and orders: the list (by status, customer, day), an order's detail, approving,
rejecting and cancelling with a reason (the domain releases stock and credits invoices)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dialogs.context import Context
from dialogs.contract import Button, Reply
from dialogs.flows.admin_common import (
    RUNS_THE_SHOP,
    audit,
    day,
    find_order,
    one_argument_command,
    one_page,
    order_and_rest,
    order_state,
    page_buttons,
    page_number,
    tell_customer,
    usage,
    words,
)
from dialogs.flows.admin_order_text import order_detail
from dialogs.flows.checkout_common import as_id, short
from dialogs.flows.orders_detail import ON_THE_WAY
from dialogs.registry import staff_action, staff_command
from domain.order import Order, OrderStatus
from domain.services.ordering import approve_order, cancel_order

STATUS_WORDS = {**{status.value: status for status in OrderStatus},
                "pendientes": OrderStatus.PLACED, "pending": OrderStatus.PLACED,
                "aprobados": OrderStatus.APPROVED, "completados": OrderStatus.COMPLETED,
                "cancelados": OrderStatus.CANCELLED}
CUSTOMER_WORDS = ("cliente", "customer")
DAY_WORDS = ("fecha", "date")
NONE = "-"


@dataclass(frozen=True)
class Filters:
    status: OrderStatus | None = None
    customer_id: int | None = None
    day: date | None = None

    def payload(self, page: int) -> str:
        day_text = self.day.strftime("%Y%m%d") if self.day else NONE
        return (f"ao:list:{page}:{self.status.value if self.status else NONE}:"
                f"{self.customer_id or NONE}:{day_text}")


def filters_from(args: list[str]) -> Filters | None:
    """`[status] [cliente N] [fecha 2026-12-31]` in any order; None when something is off."""
    found: dict[str, object] = {}
    rest = [arg.lower() for arg in args]
    while rest:
        word = rest.pop(0)
        if word in STATUS_WORDS and "status" not in found:
            found["status"] = STATUS_WORDS[word]
        elif word in CUSTOMER_WORDS and rest and as_id(rest[0]) and "customer_id" not in found:
            found["customer_id"] = as_id(rest.pop(0))
        elif word in DAY_WORDS and rest and day(rest[0]) and "day" not in found:
            found["day"] = day(rest.pop(0))
        elif day(word) and "day" not in found:
            found["day"] = day(word)
        else:
            return None
    return Filters(**found)  # type: ignore[arg-type]


def filters_from_payload(status: str, customer: str, day_text: str) -> Filters | None:
    """A list button's filters, re-checked: a forged one is refused, not trusted."""
    parsed = [] if status == NONE else [status]
    parsed += [] if customer == NONE else ["cliente", customer]
    if day_text != NONE:
        parsed += [f"{day_text[:4]}-{day_text[4:6]}-{day_text[6:]}"]
    return filters_from(parsed)


@staff_command("/pedidos", "/orders", roles=RUNS_THE_SHOP, help="admin.help.orders")
def orders_command(ctx: Context) -> None:
    filters = filters_from(words(ctx))
    if filters is None:
        usage(ctx, "orders")
    else:
        show_list(ctx, filters, 1)


def show_list(ctx: Context, filters: Filters, page: int) -> None:
    since = until = None
    if filters.day is not None:
        zone = ctx.deps.profile.timezone
        since = datetime.combine(filters.day, time(), zone)
        until = datetime.combine(filters.day + timedelta(days=1), time(), zone)
    found, more = one_page(ctx, lambda offset, limit: ctx.uow.orders.search(
        status=filters.status.value if filters.status else None,
        customer_id=filters.customer_id, since=since, until=until,
        offset=offset, limit=limit), page)
    if not found:
        ctx.say("admin.orders.none")
        return
    buttons = [Button(short(order_label(ctx, order)), f"ao:show:{order.id}") for order in found]
    ctx.say("admin.orders.list", *buttons, *page_buttons(ctx, filters.payload, page, more),
            page=page)


def order_label(ctx: Context, order: Order) -> str:
    return ctx.t.t("admin.order.label", order=order.id, date=ctx.t.date(order.placed_at),
                   total=ctx.t.money(order.totals.total),
                   status=ctx.t.t(f"admin.status.{order.status.value}"))


def show(ctx: Context, raw: object) -> None:
    order = find_order(ctx, raw)
    if order is not None:
        text, offers = order_detail(ctx, order)
        ctx.send(Reply(text, tuple(ctx.button(f"admin.order.{key}", payload)
                                   for key, payload in offers)))


def approve(ctx: Context, raw: object) -> None:
    order = awaiting_approval(ctx, raw)
    if order is None:
        return
    before = order_state(order)
    approve_order(ctx.uow, ctx.shop, order.id)
    audit(ctx, "order.approve", f"order:{order.id}", before, order_state(order))
    ctx.say("admin.order.approved", ctx.button("admin.order.prepare", f"af:prepare:{order.id}"),
            order=order.id)


def awaiting_approval(ctx: Context, raw: object) -> Order | None:
    order = find_order(ctx, raw)
    if order is not None and order.status is not OrderStatus.PLACED:
        ctx.say("admin.order.not_placed", order=order.id,
                status=ctx.t.t(f"admin.status.{order.status.value}"))
        return None
    return order


@staff_command("/rechazar", "/reject", roles=RUNS_THE_SHOP, help="admin.help.reject")
def reject_command(ctx: Context) -> None:
    args = words(ctx)
    if not args:
        usage(ctx, "reject")
    else:
        reject(ctx, args[0], " ".join(args[1:]))


def reject(ctx: Context, raw: object, reason: str) -> None:
    order = awaiting_approval(ctx, raw)
    if order is not None:
        _cancel(ctx, order, reason or ctx.t.t("admin.order.rejected_reason"), "order.reject")


@staff_command("/anular", "/cancelorder", roles=RUNS_THE_SHOP, help="admin.help.cancel")
def cancel_command(ctx: Context) -> None:
    found = order_and_rest(ctx, "cancel", 2)
    if found is None:
        return
    order, reason = found
    if order.status in (OrderStatus.CANCELLED, OrderStatus.COMPLETED) \
            or order.fulfillment in ON_THE_WAY:
        ctx.say("admin.order.cannot_cancel", order=order.id,
                status=ctx.t.t(f"admin.status.{order.status.value}"))
        return
    _cancel(ctx, order, " ".join(reason), "order.cancel")


def _cancel(ctx: Context, order: Order, reason: str, action: str) -> None:
    before = order_state(order)
    cancel_order(ctx.uow, ctx.shop, order.id, reason)
    audit(ctx, action, f"order:{order.id}", before, {**order_state(order), "reason": reason})
    tell_customer(ctx, order.customer_id, "notices.customer.cancelled", order=order.id,
                  reason=reason)
    ctx.say("admin.order.cancelled", order=order.id, reason=reason)


one_argument_command("/pedido", "/order", "order", show)
one_argument_command("/aprobar", "/approve", "approve", approve)


@staff_action("ao", roles=RUNS_THE_SHOP)
def orders_button(ctx: Context, args: list[str]) -> None:
    """ao:list:<page>:<status>:<customer>:<day> | ao:show|approve|reject:<order>"""
    match args:
        case ["list", page, status, customer, day_text]:
            filters = filters_from_payload(status, customer, day_text)
            if filters is None:
                ctx.say("admin.stale")
            else:
                show_list(ctx, filters, page_number(page))
        case ["show", order_id]:
            show(ctx, order_id)
        case ["approve", order_id]:
            approve(ctx, order_id)
        case ["reject", order_id]:
            reject(ctx, order_id, "")
        case _:
            ctx.say("admin.stale")
