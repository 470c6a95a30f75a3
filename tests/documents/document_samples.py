"""A small shop and its documents, built straight from domain objects (no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import load_config
from bot.documents import BusinessProfile, profile_from
from dialogs.i18n import Translator
from domain.catalog import Product
from domain.customer import Customer
from domain.documents import DocumentLine
from domain.invoice import DocumentKind, Invoice, Party
from domain.money import Money
from domain.order import Order
from domain.pricing import CartItem, DeliveryMethod, PricedCart, ShippingRule, price_cart
from domain.promotions import Promotion, PromotionContext, PromotionKind, PromotionScope
from domain.quote import Quote
from domain.taxes import TaxPolicy

DEMO_CONFIG = Path(__file__).resolve().parents[2] / "config.yml"
BUENOS_AIRES = ZoneInfo("America/Argentina/Buenos_Aires")
NOW = datetime(2025, 3, 15, 1, 30, tzinfo=UTC)  # still March 14 in Buenos Aires
CATALOG = {
    "CAFE-250": Product("CAFE-250", "Café de especialidad, grano 250 g", Money.of("8500", "ARS"),
                        "iva105", category="Café/Grano", stock_on_hand=500),
    "TAZA-SUR": Product("TAZA-SUR", "Taza de cerámica “Sur” — 300 ml", Money.of("12000", "ARS"),
                        "iva21", category="Bazar", stock_on_hand=500),
    "FILTRO-V60": Product("FILTRO-V60", "Filtros de papel V60 × 100", Money.of("4300", "ARS"),
                          "iva21", category="Bazar", stock_on_hand=500),
}
ITEMS = [CartItem("CAFE-250", 3), CartItem("TAZA-SUR", 2), CartItem("FILTRO-V60", 1)]
COFFEE_PROMOTION = Promotion("10% en café", PromotionKind.PERCENT, Decimal(10),
                             PromotionScope.CATEGORY, "Café", id=1)
SHIPPING = ShippingRule(Decimal("3500"), Decimal("100000"), "iva21")


def taxes(included: bool = True) -> TaxPolicy:
    return TaxPolicy({"iva21": Decimal("0.21"), "iva105": Decimal("0.105")}, included)


def priced(included: bool = True) -> PricedCart:
    return price_cart(ITEMS, CATALOG, [COFFEE_PROMOTION], PromotionContext(NOW), taxes(included),
                      SHIPPING, DeliveryMethod.DELIVERY)


@cache
def profile() -> BusinessProfile:
    return profile_from(load_config(DEMO_CONFIG, {}))


def translator(language: str) -> Translator:
    return Translator.for_language(language, "es_AR", BUENOS_AIRES)


def customer() -> Customer:
    return Customer("Ana María Núñez", "AR", phone="+5491122334455", tax_id="20-12345678-6",
                    addresses=["Av. Corrientes 1234, 5° B, CABA"], id=7)


def quote(included: bool = True) -> Quote:
    cart = priced(included)
    return Quote(7, "ARS", list(cart.lines), NOW, NOW + timedelta(days=7),
                 promotions=list(cart.promotions), promo_code="BIENVENIDA", id=17)


def order(included: bool = True) -> Order:
    cart = priced(included)
    return Order(7, 17, "ARS", list(cart.lines), "bank_transfer", DeliveryMethod.DELIVERY,
                 "Av. Corrientes 1234, 5° B, CABA", "Entrega en 48 h hábiles.", NOW,
                 promotions=list(cart.promotions), id=42)


def invoice(lines: list[DocumentLine] | None = None, buyer: Party | None = None) -> Invoice:
    seller = Party("Café del Sur S.R.L.", "30-71654321-4", "Defensa 1020", "IVA RI")
    buyer = buyer or Party("Ana María Núñez", "20-12345678-6", "Av. Corrientes 1234, CABA",
                           "Consumidor final")
    return Invoice(DocumentKind.INVOICE, "B", 1, 42, 42, 7, seller, buyer, "ARS",
                   lines if lines is not None else list(priced().lines), NOW,
                   fiscal_code="75123456789012", id=5)


def credit_note(of: Invoice) -> Invoice:
    return replace(of, kind=DocumentKind.CREDIT_NOTE, number=3, credited_invoice_id=of.id,
                   reason="Devolución de una taza rota", fiscal_code=None, id=6)
