"""An order as the customer reads it: lines, total, its three statuses, tracking once it
has left, and what they can do with it next."""

from __future__ import annotations

from dialogs.context import Context
from dialogs.flows.checkout_common import awaits_payment, has_pending_payment
from dialogs.flows.checkout_summary import totals_text
from domain.order import FulfillmentStatus, Order, OrderStatus, PaymentState
from domain.payment import PaymentMethod

ON_THE_WAY = (FulfillmentStatus.DISPATCHED, FulfillmentStatus.DELIVERED,
              FulfillmentStatus.FAILED, FulfillmentStatus.RETURNED)


def detail(ctx: Context, order: Order) -> tuple[str, list[tuple[str, str]]]:
    """The detail text and the offers (catalog key under orders.offer, payload)."""
    t = ctx.t
    pending = has_pending_payment(ctx, order)
    parts = [
        t.t("orders.header", order=order.id, date=t.date(order.placed_at)),
        "\n".join(t.t("orders.line", quantity=t.number(line.quantity), product=line.name,
                      amount=t.money(line.list_amount)) for line in order.product_lines),
        totals_text(ctx, order),
        t.t("orders.status_line", status=t.t(f"orders.status.{order.status.value}")),
        t.t("orders.payment_line", state=t.t(f"orders.payment.{order.payment_state.value}"),
            method=t.t(f"payment_methods.{order.payment_method}")),
        t.t("orders.delivery_line",
            state=t.t(f"orders.fulfillment.{order.fulfillment.value}"),
            method=t.t(f"delivery_methods.{order.delivery.value}"),
            address=order.delivery_address),
    ]
    shipment = ctx.uow.shipments.for_order(order.id)
    if order.fulfillment in ON_THE_WAY and shipment is not None and shipment.tracking_number:
        parts.append(t.t("orders.tracking", carrier=shipment.carrier or "—",
                         tracking=shipment.tracking_number))
    if pending and awaits_payment(order):
        parts.append(t.t("orders.receipt_pending"))
    return "\n".join(part for part in parts if part), _offers(ctx, order, pending)


def cancellable(ctx: Context, order: Order) -> bool:
    """Customers cancel by themselves only while the order is placed, nothing was paid and
    no transfer receipt is under review."""
    return not has_pending_payment(ctx, order) and (
        order.status is OrderStatus.PLACED and order.payment_state is PaymentState.UNPAID
        and order.fulfillment is FulfillmentStatus.UNFULFILLED)


def _offers(ctx: Context, order: Order, pending: bool) -> list[tuple[str, str]]:
    offers = []
    if order.payment_method == PaymentMethod.BANK_TRANSFER and awaits_payment(order) \
            and not pending:
        offers.append(("pay", f"pay:{order.id}"))
    if cancellable(ctx, order):
        offers.append(("cancel", f"orders:cancel:{order.id}"))
    if order.status is not OrderStatus.CANCELLED:
        offers.append(("invoice", f"orders:invoice:{order.id}"))
    return offers
