"""Loading what a step needs, with a clear error when it is missing or someone else's."""

from __future__ import annotations

from domain.customer import Customer
from domain.errors import NotFound
from domain.order import Order
from domain.ports import UnitOfWork


def customer(uow: UnitOfWork, customer_id: int) -> Customer:
    found = uow.customers.get(customer_id)
    if found is None:
        raise NotFound(f"customer {customer_id} does not exist", customer_id=customer_id)
    return found


def order(uow: UnitOfWork, order_id: int, customer_id: int | None = None) -> Order:
    """The order locked for update; when `customer_id` is given it must be theirs."""
    found = uow.orders.lock(order_id)
    if found is None or (customer_id is not None and found.customer_id != customer_id):
        raise NotFound(f"order {order_id} does not exist", order_id=order_id)
    return found
