"""My orders: the list (newest first, by pages), an order's detail with its statuses and
tracking, cancelling while it is placed and unpaid, and its invoice PDF."""

from __future__ import annotations

from enum import StrEnum

from dialogs.context import Context
from dialogs.contract import Button, Reply
from dialogs.flows.checkout_common import (
    as_index,
    has_pending_payment,
    left_for,
    menu_button,
    not_found,
    order_label,
    order_number,
    own_order,
)
from dialogs.flows.orders_detail import cancellable, detail
from dialogs.menus import main_menu_buttons
from dialogs.registry import action, intent, step
from domain.order import Order, OrderStatus
from domain.services import invoicing
from domain.services.ordering import cancel_order
from nlu import Intent

FLOW = "orders"


class Step(StrEnum):
    CANCEL = "cancel"  # waiting for "yes, cancel it"


@action("orders")
def orders(ctx: Context, args: list[str]) -> None:
    match args:
        case [] | ["page"]:
            show_list(ctx, 1)
        case ["page", page]:
            show_list(ctx, as_index(page) or 1)
        case ["show", order_id]:
            show(ctx, order_id)
        case ["cancel", order_id]:
            ask_cancel(ctx, order_id)
        case ["cancel", order_id, "yes"]:
            cancel(ctx, order_id)
        case ["invoice", order_id]:
            send_invoice(ctx, order_id)
        case _:
            ctx.say("errors.stale_button", *main_menu_buttons(ctx))


def customer_orders(ctx: Context) -> list[Order]:
    customer = ctx.customer
    return ctx.uow.orders.for_customer(customer.id) if customer is not None else []


def show_list(ctx: Context, page: int) -> None:
    ctx.end_flow()  # my orders is a place of its own: whatever was under way is left
    everything = customer_orders(ctx)
    if not everything:
        ctx.say("orders.none", ctx.button("menu.catalog", "cat"), menu_button(ctx))
        return
    size = max(ctx.deps.profile.page_size, 1)
    pages = -(-len(everything) // size)
    page = min(max(page, 1), pages)
    shown = everything[(page - 1) * size:page * size]
    buttons = [Button(order_label(ctx, order), f"orders:show:{order.id}") for order in shown]
    if page > 1:
        buttons.append(ctx.button("buttons.previous", f"orders:page:{page - 1}"))
    if page < pages:
        buttons.append(ctx.button("buttons.next", f"orders:page:{page + 1}"))
    key = "orders.list" if pages == 1 else "orders.list_page"
    ctx.say(key, *buttons, menu_button(ctx), page=page, pages=pages)


def show(ctx: Context, raw: object) -> None:
    ctx.end_flow()
    order = own_order(ctx, raw)
    if order is None:
        not_found(ctx)
        return
    text, offers = detail(ctx, order)
    buttons = [ctx.button(f"orders.offer.{offer}", payload) for offer, payload in offers]
    ctx.send(Reply(text, (*buttons, ctx.button("menu.orders", "orders"), menu_button(ctx))))


def ask_cancel(ctx: Context, raw: object) -> None:
    leave_own_step(ctx)
    order = checked_for_cancel(ctx, raw)
    if order is None:
        return
    ctx.data.order_id = order.id
    ctx.go(FLOW, Step.CANCEL)
    ctx.say("orders.cancel.ask", ctx.button("orders.cancel.yes", f"orders:cancel:{order.id}:yes"),
            ctx.button("orders.cancel.keep", f"orders:show:{order.id}"),
            order=order.id, total=ctx.t.money(order.totals.total))


def checked_for_cancel(ctx: Context, raw: object) -> Order | None:
    order = own_order(ctx, raw)
    if order is None:
        not_found(ctx)
    elif order.status is OrderStatus.CANCELLED:
        ctx.say("orders.cancel.already", ctx.button("menu.orders", "orders"), menu_button(ctx),
                order=order.id)
    elif has_pending_payment(ctx, order):
        ctx.say("orders.cancel.receipt_pending", ctx.button("menu.support", "support"),
                ctx.button("orders.see", f"orders:show:{order.id}"), menu_button(ctx),
                order=order.id)
    elif not cancellable(ctx, order):
        ctx.say("orders.cancel.not_allowed", ctx.button("menu.support", "support"),
                menu_button(ctx), order=order.id)
    else:
        return order
    return None


def cancel(ctx: Context, raw: object) -> None:
    leave_own_step(ctx)
    order, customer = checked_for_cancel(ctx, raw), ctx.customer
    if order is None or customer is None:
        return
    cancel_order(ctx.uow, ctx.shop, order.id, ctx.t.t("orders.cancel.reason"),
                 customer_id=customer.id)
    ctx.say("orders.cancel.done", ctx.button("menu.catalog", "cat"), menu_button(ctx),
            order=order.id)


@step(FLOW, Step.CANCEL)
def cancel_answered(ctx: Context) -> None:
    parse = ctx.parse() if ctx.incoming.text else None
    said = parse.intent if parse is not None and not parse.uncertain else None
    if said is Intent.AFFIRM:  # not cancel_order: "no quiero cancelar" parses as one
        cancel(ctx, ctx.data.order_id)
    elif said is Intent.DENY:
        leave_own_step(ctx)
        ctx.say("orders.cancel.kept", ctx.button("menu.orders", "orders"), menu_button(ctx),
                order=ctx.data.order_id)
    elif not left_for(ctx):
        ask_cancel(ctx, ctx.data.order_id)


def send_invoice(ctx: Context, raw: object) -> None:
    order = own_order(ctx, raw)
    if order is None:
        not_found(ctx)
        return
    invoice = invoicing.current_invoice(ctx.uow, order)
    if invoice is None:
        key = "orders.invoice.cancelled" if order.status is OrderStatus.CANCELLED \
            else "orders.invoice.not_yet"
        ctx.say(key, ctx.button("orders.see", f"orders:show:{order.id}"), menu_button(ctx),
                order=order.id)
        return
    number, t = invoice.display_number, ctx.t
    ctx.send_document("orders.invoice.sent",
                      t.t("orders.invoice.file", number=number.replace(" ", "-")),
                      lambda: ctx.deps.renderer.invoice(invoice, t, order=order),
                      ctx.button("menu.orders", "orders"), menu_button(ctx),
                      number=number, order=order.id)


def leave_own_step(ctx: Context) -> None:
    if ctx.conversation.flow == FLOW:
        ctx.end_flow()


@intent("order_status")
def status_by_text(ctx: Context) -> None:
    number = order_number(ctx)
    if number is None:
        show_list(ctx, 1)
    else:
        show(ctx, number)


@intent("cancel_order")
def cancel_by_text(ctx: Context) -> None:
    number = order_number(ctx)
    if number is not None:
        ask_cancel(ctx, number)
        return
    open_orders = [order for order in customer_orders(ctx) if cancellable(ctx, order)]
    if len(open_orders) == 1:
        ask_cancel(ctx, open_orders[0].id)
    elif open_orders:
        ctx.say("orders.cancel.which", *order_buttons(ctx, open_orders, "cancel"),
                menu_button(ctx))
    else:
        ctx.say("orders.cancel.none", ctx.button("menu.orders", "orders"), menu_button(ctx))


@intent("invoice_request")
def invoice_by_text(ctx: Context) -> None:
    number = order_number(ctx)
    if number is not None:
        send_invoice(ctx, number)
        return
    invoiced = [order for order in customer_orders(ctx)
                if order.status in (OrderStatus.APPROVED, OrderStatus.COMPLETED)]
    if len(invoiced) == 1:
        send_invoice(ctx, invoiced[0].id)
    elif invoiced:
        ctx.say("orders.invoice.which", *order_buttons(ctx, invoiced, "invoice"),
                menu_button(ctx))
    else:
        ctx.say("orders.invoice.none", ctx.button("menu.orders", "orders"), menu_button(ctx))


def order_buttons(ctx: Context, found: list[Order], verb: str) -> list[Button]:
    return [Button(order_label(ctx, order), f"orders:{verb}:{order.id}")
            for order in found[:ctx.deps.profile.page_size]]

