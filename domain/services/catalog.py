"""Keeping the catalog: upserting products by SKU."""

from __future__ import annotations

from dataclasses import dataclass

from domain.catalog import Product
from domain.errors import DomainError
from domain.ports import UnitOfWork


@dataclass(frozen=True)
class UpsertResult:
    created: int
    updated: int
    errors: dict[str, str]


def upsert_products(uow: UnitOfWork, products: list[Product],
                    sets_active: bool = False) -> UpsertResult:
    """New SKUs are added, known ones take the new data — and their active flag only when
    `sets_active`, so an older file does not switch back on what staff switched off. The
    caller commits only if `errors` (SKU → reason) is empty."""
    existing = uow.catalog.by_skus([product.sku for product in products])
    created, updated, errors = 0, 0, {}
    for product in products:
        current = existing.get(product.sku)
        if current is None:
            uow.catalog.add(product)
            created += 1
            continue
        try:
            current.update_from(product)
            if sets_active:
                current.active = product.active
        except DomainError as error:
            errors[product.sku] = error.message
            continue
        updated += 1
    return UpsertResult(created, updated, errors)
