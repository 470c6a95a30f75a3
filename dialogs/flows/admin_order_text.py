"""An order as staff read it: customer, lines, totals, statuses, payments, shipment, and
the next things staff can do with it."""

from __future__ import annotations

from dialogs.context import Context
from dialogs.flows.checkout_summary import totals_text
from domain.order import FulfillmentStatus, Order, OrderStatus
from domain.payment import PaymentStatus


def order_detail(ctx: Context, order: Order) -> tuple[str, list[tuple[str, str]]]:
    """The text and the offers (key under admin.order, payload)."""
    t = ctx.t
    customer = ctx.uow.customers.get(order.customer_id)
    parts = [
        t.t("admin.order.header", order=order.id, date=t.datetime(order.placed_at),
            customer=customer.name if customer else "—", customer_id=order.customer_id),
        "\n".join(t.t("orders.line", quantity=t.number(line.quantity), product=line.name,
                      amount=t.money(line.list_amount)) for line in order.product_lines),
        totals_text(ctx, order),
        t.t("admin.order.statuses", status=t.t(f"admin.status.{order.status.value}"),
            payment=t.t(f"orders.payment.{order.payment_state.value}"),
            method=t.t(f"payment_methods.{order.payment_method}"),
            fulfillment=t.t(f"orders.fulfillment.{order.fulfillment.value}")),
        t.t("admin.order.address", address=order.delivery_address),
        *(t.t("admin.order.payment_line", payment=payment.id, amount=t.money(payment.amount),
              method=t.t(f"payment_methods.{payment.method.value}"),
              status=t.t(f"admin.payment_status.{payment.status.value}"))
          for payment in ctx.uow.payments.for_order(order.id)),
    ]
    shipment = ctx.uow.shipments.for_order(order.id)
    if shipment is not None and shipment.tracking_number:
        parts.append(t.t("orders.tracking", carrier=shipment.carrier or "—",
                         tracking=shipment.tracking_number))
    if order.cancel_reason:
        parts.append(t.t("admin.order.reason", reason=order.cancel_reason))
    return "\n".join(part for part in parts if part), offers(ctx, order)


def offers(ctx: Context, order: Order) -> list[tuple[str, str]]:
    number = order.id
    pending = any(payment.status is PaymentStatus.PENDING
                  for payment in ctx.uow.payments.for_order(order.id))
    found = []
    if order.status is OrderStatus.PLACED:
        found += [("approve", f"ao:approve:{number}"), ("reject", f"ao:reject:{number}")]
    if pending:
        found.append(("check_payment", f"ap:show:{number}"))
    if order.status is OrderStatus.APPROVED and order.fulfillment in (
            FulfillmentStatus.UNFULFILLED, FulfillmentStatus.PREPARING):
        found.append(("prepare", f"af:prepare:{number}"))
    if order.fulfillment is FulfillmentStatus.DISPATCHED:
        found.append(("deliver", f"af:deliver:{number}"))
    return found
