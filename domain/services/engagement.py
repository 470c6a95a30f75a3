"""Customers choose to hear the shop's news, and ask to be told when a product is back."""

from __future__ import annotations

from domain.engagement import RestockRequest
from domain.errors import NotFound
from domain.ports import UnitOfWork
from domain.services import lookup
from domain.shop import Shop


def set_news(uow: UnitOfWork, customer_id: int, wanted: bool) -> None:
    lookup.customer(uow, customer_id).marketing_opt_in = wanted


def ask_restock(uow: UnitOfWork, shop: Shop, customer_id: int, sku: str) -> bool:
    """False when they already wait for it."""
    product = uow.catalog.get(sku)
    if product is None or not product.active:
        raise NotFound(f"product {sku} does not exist", sku=sku)
    return uow.restock.add(RestockRequest(customer_id, product.sku, shop.clock.now()))
