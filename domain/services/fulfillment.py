"""Preparing, dispatching and delivering an order."""

from __future__ import annotations

from domain.errors import InvalidTransition
from domain.order import FulfillmentStatus, Order
from domain.payment import PaymentMethod
from domain.ports import UnitOfWork
from domain.services import lookup
from domain.shipment import Shipment, ShipmentStatus
from domain.shop import Shop


def start_preparing(uow: UnitOfWork, shop: Shop, order_id: int) -> Shipment:
    """Open the picking checklist: every product line to be checked item by item."""
    order = lookup.order(uow, order_id)
    order.set_fulfillment(FulfillmentStatus.PREPARING)
    shipment = uow.shipments.for_order(order.id)
    if shipment is None:
        items = {line.sku: line.quantity for line in order.product_lines}
        shipment = Shipment(order_id=order.id, address=order.delivery_address, items=items)
        uow.shipments.add(shipment)
    return shipment


def _shipment(uow: UnitOfWork, order: Order) -> Shipment:
    shipment = uow.shipments.for_order(order.id)
    if shipment is None:
        raise InvalidTransition(f"order {order.id} is not being prepared yet")
    return shipment


def check_item(uow: UnitOfWork, order_id: int, sku: str, quantity: int) -> Shipment:
    order = lookup.order(uow, order_id)
    shipment = _shipment(uow, order)
    shipment.check_item(sku, quantity)
    return shipment


def may_ship_unpaid(uow: UnitOfWork, order: Order, shop: Shop) -> bool:
    if order.payment_method == PaymentMethod.CASH_ON_DELIVERY:
        return True
    return lookup.customer(uow, order.customer_id).tax_id in shop.credit_tax_ids


def dispatch(uow: UnitOfWork, shop: Shop, order_id: int, carrier: str,
             tracking_number: str) -> Shipment:
    """Checked items leave the warehouse; unpaid orders only for cash on delivery or credit."""
    order = lookup.order(uow, order_id)
    if not order.is_paid and not may_ship_unpaid(uow, order, shop):
        raise InvalidTransition(f"order {order.id} is not paid yet; it cannot be dispatched")
    shipment = _shipment(uow, order)
    if shipment.status is ShipmentStatus.PENDING:
        shipment.mark_ready()
    first_dispatch = shipment.dispatched_at is None
    shipment.dispatch(carrier, tracking_number, shop.clock.now())
    order.set_fulfillment(FulfillmentStatus.DISPATCHED)
    if first_dispatch:
        products = uow.catalog.lock(sorted(shipment.items))
        for sku, quantity in shipment.items.items():
            products[sku].ship(quantity)
    order.record("order.dispatched", order_id=order.id, carrier=shipment.carrier,
                 tracking_number=shipment.tracking_number)
    return shipment


def deliver(uow: UnitOfWork, shop: Shop, order_id: int) -> Order:
    order = lookup.order(uow, order_id)
    _shipment(uow, order).move(ShipmentStatus.DELIVERED, shop.clock.now())
    order.set_fulfillment(FulfillmentStatus.DELIVERED)
    return order


def fail_delivery(uow: UnitOfWork, shop: Shop, order_id: int, returned: bool = False) -> Order:
    """The carrier could not deliver; `returned` when the goods came back to the shop."""
    order = lookup.order(uow, order_id)
    shipment = _shipment(uow, order)
    if shipment.status is not ShipmentStatus.FAILED:
        shipment.move(ShipmentStatus.FAILED, shop.clock.now())
        order.set_fulfillment(FulfillmentStatus.FAILED)
    if returned:
        shipment.move(ShipmentStatus.RETURNED, shop.clock.now())
        order.set_fulfillment(FulfillmentStatus.RETURNED)
        products = uow.catalog.lock(sorted(shipment.items))
        for sku, quantity in shipment.items.items():
            products[sku].set_stock(products[sku].stock_on_hand + quantity)
    return order

