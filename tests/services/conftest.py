"""A small shop on a real database: products, a customer, a clock that tests move."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from domain.catalog import PriceTier, Product
from domain.invoice import DocumentType, InvoicingPolicy, Party
from domain.money import Money
from domain.pricing import ShippingRule
from domain.promotions import Promotion, PromotionKind, PromotionScope
from domain.services.customers import register_customer
from domain.shop import Shop
from domain.taxes import TaxPolicy


class MovableClock:
    def __init__(self) -> None:
        self.current = datetime(2026, 12, 1, 15, 0, tzinfo=timezone.utc)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def shop(clock) -> Shop:
    return Shop(
        currency="ARS", country="AR",
        taxes=TaxPolicy({"iva21": Decimal("0.21"), "iva105": Decimal("0.105")}, True),
        shipping=ShippingRule(Decimal("3500.00"), Decimal("50000.00"), "iva21", True,
                              "Defensa 1020, CABA"),
        invoicing=InvoicingPolicy(1, (DocumentType("A", True), DocumentType("B")), "B",
                                  seller=Party("Café del Sur S.R.L.", "30-71654321-4",
                                               "Defensa 1020, CABA", "Responsable Inscripto")),
        payment_methods=("bank_transfer", "cash_on_delivery", "mercadopago"),
        clock=clock,
    )


@pytest.fixture
def auto_shop(shop) -> Shop:
    return replace(shop, auto_approve=True)


def ars(amount: str) -> Money:
    return Money.of(amount, "ARS")


PRODUCTS = [
    dict(sku="CAF-COL-500", name="Café Colombia 500 g", price="12500.00", tax_category="iva105",
         category="Café/En grano", stock_on_hand=40,
         tiers=[PriceTier(10, Decimal("11250.00"))]),
    dict(sku="TAZA-GR", name="Taza grande", price="4999.99", tax_category="iva21",
         category="Tazas", stock_on_hand=5),
    dict(sku="MOL-MAN", name="Molinillo manual", price="38900.00", tax_category="iva21",
         category="Molinillos", stock_on_hand=3),
]


@pytest.fixture
def seeded(uow_factory, shop):
    """Catalog, promotions and one registered customer (id returned)."""
    with uow_factory() as uow:
        for data in PRODUCTS:
            uow.catalog.add(Product(**{**data, "price": ars(data["price"])}))
        uow.promotions.add(Promotion("Bienvenida", PromotionKind.PERCENT, Decimal("10"),
                                     code="BIENVENIDA", first_order_only=True))
        uow.promotions.add(Promotion("Molinillos", PromotionKind.FIXED, Decimal("2000"),
                                     PromotionScope.CATEGORY, "Molinillos"))
        customer = register_customer(uow, shop, channel="console", external_id="ana",
                                     name="Ana Pérez", phone="11 2233-4455",
                                     address="Av. Corrientes 1234, CABA")
        uow.commit()
        return customer.id
