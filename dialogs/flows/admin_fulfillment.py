"""Staff in the warehouse: preparing an order (a picking checklist checked item by item
with buttons), shipping it with carrier and tracking number, marking it delivered."""

from __future__ import annotations

from dialogs.context import Context
from dialogs.contract import Button
from dialogs.flows.admin_common import (
    RUNS_THE_SHOP,
    audit,
    find_order,
    one_argument_command,
    order_and_rest,
    order_state,
)
from dialogs.flows.checkout_common import as_index, short
from dialogs.registry import staff_action, staff_command
from domain.order import FulfillmentStatus, Order, OrderStatus
from domain.services import fulfillment
from domain.shipment import Shipment, ShipmentStatus

PREPARABLE = (FulfillmentStatus.UNFULFILLED, FulfillmentStatus.PREPARING)


def prepare(ctx: Context, raw: object) -> None:
    order = find_order(ctx, raw)
    if order is None:
        return
    if order.status is not OrderStatus.APPROVED or order.fulfillment not in PREPARABLE:
        ctx.say("admin.fulfillment.not_preparable", order=order.id,
                status=ctx.t.t(f"admin.status.{order.status.value}"),
                fulfillment=ctx.t.t(f"orders.fulfillment.{order.fulfillment.value}"))
        return
    if order.fulfillment is FulfillmentStatus.UNFULFILLED:
        before = order_state(order)
        fulfillment.start_preparing(ctx.uow, ctx.shop, order.id)
        audit(ctx, "order.prepare", f"order:{order.id}", before, order_state(order))
    checklist(ctx, order)


def checklist(ctx: Context, order: Order) -> None:
    """Each item with how many are checked; a button per item still to pick."""
    shipment = ctx.uow.shipments.for_order(order.id)
    assert shipment is not None
    names = {line.sku: line.name for line in order.product_lines}
    skus = sorted(shipment.items)
    lines = "\n".join(ctx.t.t("admin.fulfillment.item", done="✅" if sku not in shipment.missing
                              else "⬜", checked=shipment.checked.get(sku, 0),
                              quantity=shipment.items[sku], product=names.get(sku, sku), sku=sku)
                      for sku in skus)
    if not shipment.missing:
        ctx.say("admin.fulfillment.all_checked", order=order.id, items=lines)
        return
    buttons = [Button(short(ctx.t.t("admin.fulfillment.check", product=names.get(sku, sku),
                                    quantity=shipment.missing[sku])),
                      f"af:check:{order.id}:{index}")
               for index, sku in enumerate(skus) if sku in shipment.missing]
    ctx.say("admin.fulfillment.checklist", *buttons, order=order.id, items=lines)


def check(ctx: Context, raw_order: str, raw_index: str) -> None:
    """One item picked: all its units. The index names a SKU of the order's own list."""
    order = find_order(ctx, raw_order)
    shipment = ctx.uow.shipments.for_order(order.id) if order else None
    index = as_index(raw_index)
    skus = sorted(shipment.items) if shipment else []
    if order is None:
        return
    if shipment is None or shipment.status is not ShipmentStatus.PENDING or index is None \
            or index >= len(skus) or skus[index] not in shipment.missing:
        ctx.say("admin.fulfillment.nothing_to_check", order=order.id)
        return
    sku = skus[index]
    before = dict(shipment.checked)
    fulfillment.check_item(ctx.uow, order.id, sku, shipment.missing[sku])
    audit(ctx, "order.check_item", f"order:{order.id}", {"checked": before},
          {"checked": dict(shipment.checked)})
    checklist(ctx, order)


@staff_command("/enviar", "/ship", roles=RUNS_THE_SHOP, help="admin.help.ship")
def ship_command(ctx: Context) -> None:
    found = order_and_rest(ctx, "ship", 3)
    if found is None:
        return
    order, args = found
    shipment = ctx.uow.shipments.for_order(order.id)
    problem = _not_shippable(ctx, order, shipment)
    if problem is not None:
        ctx.say(f"admin.fulfillment.{problem}", order=order.id)
        return
    carrier, tracking = " ".join(args[:-1])[:60], args[-1][:60]
    before = order_state(order)
    fulfillment.dispatch(ctx.uow, ctx.shop, order.id, carrier, tracking)
    audit(ctx, "order.ship", f"order:{order.id}", before,
          {**order_state(order), "carrier": carrier, "tracking": tracking})
    ctx.say("admin.fulfillment.shipped",
            ctx.button("admin.order.deliver", f"af:deliver:{order.id}"), order=order.id,
            carrier=carrier, tracking=tracking)


def _not_shippable(ctx: Context, order: Order, shipment: Shipment | None) -> str | None:
    if order.fulfillment is not FulfillmentStatus.PREPARING or shipment is None:
        return "not_prepared"
    if shipment.missing:
        return "not_checked"
    if not order.is_paid and not fulfillment.may_ship_unpaid(ctx.uow, order, ctx.shop):
        return "not_paid"
    return None


def deliver(ctx: Context, raw: object) -> None:
    order = find_order(ctx, raw)
    if order is None:
        return
    if order.fulfillment is not FulfillmentStatus.DISPATCHED:
        ctx.say("admin.fulfillment.not_dispatched", order=order.id,
                fulfillment=ctx.t.t(f"orders.fulfillment.{order.fulfillment.value}"))
        return
    before = order_state(order)
    fulfillment.deliver(ctx.uow, ctx.shop, order.id)
    audit(ctx, "order.deliver", f"order:{order.id}", before, order_state(order))
    ctx.say("admin.fulfillment.delivered", order=order.id,
            status=ctx.t.t(f"admin.status.{order.status.value}"))


one_argument_command("/preparar", "/prepare", "prepare", prepare)
one_argument_command("/entregado", "/delivered", "delivered", deliver)


@staff_action("af", roles=RUNS_THE_SHOP)
def fulfillment_button(ctx: Context, args: list[str]) -> None:
    """af:prepare|deliver:<order> | af:check:<order>:<item index>"""
    match args:
        case ["prepare", order_id]:
            prepare(ctx, order_id)
        case ["check", order_id, index]:
            check(ctx, order_id, index)
        case ["deliver", order_id]:
            deliver(ctx, order_id)
        case _:
            ctx.say("admin.stale")
