"""Believable aggregates for the storage tests, and a strict comparison of their state."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from domain.catalog import PriceTier, Product
from domain.customer import Customer
from domain.invoice import DocumentKind, Invoice, Party
from domain.money import Money
from domain.order import Order
from domain.payment import Payment, PaymentMethod
from domain.pricing import CartItem, DeliveryMethod, ShippingRule, price_cart
from domain.promotions import Promotion, PromotionContext, PromotionKind, PromotionScope
from domain.quote import Quote
from domain.shipment import Shipment
from domain.taxes import TaxPolicy
from domain.ticket import Priority, Ticket

NOW = datetime(2026, 3, 14, 15, 9, 26, 535897, tzinfo=UTC)
TAXES = TaxPolicy({"iva21": Decimal("0.21"), "iva105": Decimal("0.105")},
                  prices_include_tax=True)
SHIPPING = ShippingRule(Decimal("3500.00"), Decimal("50000.00"), "iva21")
SELLER = Party("Café del Sur S.R.L.", "30-71654321-4", "Defensa 1020, CABA",
               "IVA Responsable Inscripto")


def customer(name: str = "Ana Pérez", channel_id: str = "ana") -> Customer:
    ana = Customer(name, "AR", phone="+5491122334455", email="ana@example.com",
                   created_at=NOW)
    ana.add_address("Av. Corrientes 1234, 5° B, CABA")
    ana.link("console", channel_id)
    return ana


def product(sku: str = "CAF-GR-COL-500", category: str = "Café/En grano",
            stock: int = 10, price: str = "18450.00") -> Product:
    return Product(sku, f"Café {sku}", Money.of(price, "ARS"), "iva21", category=category,
                   description="Granos de altura", features={"origen": "Colombia"},
                   tiers=[PriceTier(3, Decimal("17500.00"))], stock_on_hand=stock)


def promotion(code: str | None = "NAVIDAD") -> Promotion:
    return Promotion("Navidad", PromotionKind.PERCENT, Decimal(15), code=code,
                     ends_at=NOW + timedelta(days=300), min_amount=Decimal("30000.00"))


def quote(customer_id: int, products: list[Product]) -> Quote:
    catalog = {p.sku: p for p in products}
    category_promotion = Promotion("5% en grano", PromotionKind.PERCENT, Decimal(5),
                                   scope=PromotionScope.CATEGORY, target="Café/En grano",
                                   id=7)
    priced = price_cart([CartItem(p.sku, 3) for p in products], catalog, [category_promotion],
                        PromotionContext(NOW), TAXES, SHIPPING, DeliveryMethod.DELIVERY)
    return Quote(customer_id, "ARS", list(priced.lines), NOW, NOW + timedelta(days=7),
                 promotions=list(priced.promotions))


def order(the_quote: Quote) -> Order:
    assert the_quote.id is not None
    return Order(the_quote.customer_id, the_quote.id, "ARS", list(the_quote.lines),
                 "bank_transfer", DeliveryMethod.DELIVERY, "Av. Corrientes 1234, CABA",
                 "Pago a 48 h", NOW, promotions=list(the_quote.promotions))


def invoice(the_order: Order, number: int = 1) -> Invoice:
    assert the_order.id is not None
    buyer = Party("Ana Pérez", None, "Av. Corrientes 1234, CABA", "Consumidor Final")
    return Invoice(DocumentKind.INVOICE, "B", 1, number, the_order.id, the_order.customer_id,
                   SELLER, buyer, "ARS", list(the_order.lines), NOW)


def payment(order_id: int, reference: str | None = "MP-123") -> Payment:
    return Payment(order_id, PaymentMethod.MERCADOPAGO, Money.of("12345.67", "ARS"), NOW,
                   provider_reference=reference)


def shipment(order_id: int) -> Shipment:
    return Shipment(order_id, "Av. Corrientes 1234, CABA", {"CAF-GR-COL-500": 3, "TAZ-1": 2})


def ticket(customer_id: int, order_id: int | None = None) -> Ticket:
    help_me = Ticket(customer_id, "El pedido llegó incompleto", NOW, order_id=order_id,
                     priority=Priority.HIGH)
    help_me.add_message("customer", "ana", "Faltan las tazas 😕", NOW)
    return help_me


def state(obj: Any) -> Any:
    """The stored state as comparable data, types included, so that 'placed' and
    OrderStatus.PLACED (equal as strings) or Decimal and int still differ."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return (type(obj), {f.name: state(getattr(obj, f.name)) for f in dataclasses.fields(obj)})
    if isinstance(obj, (list, tuple)):
        return [state(item) for item in obj]
    if isinstance(obj, dict):
        return {key: state(value) for key, value in obj.items()}
    return (type(obj), obj)
