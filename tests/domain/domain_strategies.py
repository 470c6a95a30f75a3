"""Builders and hypothesis strategies shared by the domain tests (no fixtures, no mocks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from domain.catalog import MAX_QUANTITY, PriceTier, Product
from domain.money import Money, minor_unit
from domain.pricing import CartItem, DeliveryMethod, ShippingRule, price_cart
from domain.promotions import Promotion, PromotionContext, PromotionKind, PromotionScope
from domain.taxes import TaxPolicy

# Deterministic, so CI never flakes and a failure reproduces; bounded, so the folder stays fast.
PROPERTY = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
HEAVY_PROPERTY = settings(PROPERTY, max_examples=250)

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
RATES = {"iva21": Decimal("0.21"), "iva105": Decimal("0.105"), "exento": Decimal("0")}
CATEGORIES = ("Almacén", "Café", "Café/Molido", "Café/Grano", "Café/Grano/Tostado", "Té")
CODES = ("VERANO", "BIENVENIDA")


def ars(amount: object) -> Money:
    return Money.of(amount, "ARS")


def half_up(amount: Decimal, currency: str) -> Decimal:
    return amount.quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


def product(sku: str = "CAFE-1", price: object = "1000", tax: str = "iva21",
            category: str = "Café/Molido", currency: str = "ARS", **kwargs) -> Product:
    kwargs.setdefault("stock_on_hand", MAX_QUANTITY)
    return Product(sku, f"Producto {sku}", Money.of(price, currency), tax, category=category,
                   **kwargs)


def policy(included: bool) -> TaxPolicy:
    return TaxPolicy(dict(RATES), prices_include_tax=included)


NO_SHIPPING = ShippingRule(Decimal(0), None, "iva21")


def price(items: list[tuple[str, int]], catalog: list[Product], promotions=(), *,
          code: str | None = None, included: bool = True, shipping: ShippingRule = NO_SHIPPING,
          delivery: DeliveryMethod = DeliveryMethod.DELIVERY, now: datetime = NOW,
          first_order: bool = True, uses: dict[int, int] | None = None):
    ctx = PromotionContext(now, code, first_order, uses or {})
    return price_cart([CartItem(sku, qty) for sku, qty in items], {p.sku: p for p in catalog},
                      list(promotions), ctx, policy(included), shipping, delivery)


def units(currency: str, low: int = 1, high: int = 5_000_000) -> st.SearchStrategy[Decimal]:
    """Amounts that are a whole number of the currency's minor unit."""
    unit = minor_unit(currency)
    return st.integers(low, high).map(lambda n: Decimal(n) * unit)


@st.composite
def catalogs(draw, currency: str = "ARS", max_products: int = 6) -> list[Product]:
    count = draw(st.integers(1, max_products))
    products = []
    for i in range(count):
        list_price = draw(units(currency))
        tiers = [
            PriceTier(min_q, half_up(list_price * Decimal(pct) / 100, currency)
                      or minor_unit(currency))
            for min_q, pct in draw(st.lists(st.tuples(st.integers(2, 60), st.integers(40, 110)),
                                            max_size=3))
        ]
        products.append(product(f"SKU-{i}", list_price, draw(st.sampled_from(sorted(RATES))),
                                draw(st.sampled_from(CATEGORIES)), currency, tiers=tiers))
    return products


@st.composite
def promotion_lists(draw, catalog: list[Product], currency: str = "ARS") -> list[Promotion]:
    promotions = []
    for i in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(PromotionKind))
        scope = draw(st.sampled_from(PromotionScope))
        target = {
            PromotionScope.PRODUCT: st.sampled_from([p.sku for p in catalog]),
            PromotionScope.CATEGORY: st.sampled_from(CATEGORIES),
            PromotionScope.ORDER: st.none(),
        }[scope]
        value = (draw(st.integers(1, 1000)) / Decimal(10) if kind is PromotionKind.PERCENT
                 else draw(units(currency, 1, 2_000_000)))
        promotions.append(Promotion(
            f"promo {i}", kind, value, scope, draw(target),
            code=draw(st.none() | st.sampled_from(CODES)),
            min_amount=draw(st.none() | units(currency, 1, 3_000_000)),
            min_quantity=draw(st.none() | st.integers(1, 20)),
            stackable=draw(st.booleans()), id=i + 1,
        ))
    return promotions


@dataclass(frozen=True)
class CartCase:
    catalog: list[Product]
    items: list[tuple[str, int]]
    promotions: list[Promotion]
    code: str | None
    included: bool
    shipping: ShippingRule
    delivery: DeliveryMethod

    def priced(self):
        return price(self.items, self.catalog, self.promotions, code=self.code,
                     included=self.included, shipping=self.shipping, delivery=self.delivery)


@st.composite
def cart_cases(draw, currency: str | None = None) -> CartCase:
    currency = currency or draw(st.sampled_from(["ARS", "CLP"]))
    catalog = draw(catalogs(currency))
    skus = [p.sku for p in catalog]
    items = draw(st.lists(st.tuples(st.sampled_from(skus), st.integers(1, 120)),
                          min_size=1, max_size=8))
    shipping = ShippingRule(draw(units(currency, 0, 900_000)),
                            draw(st.none() | units(currency, 0, 20_000_000)),
                            draw(st.sampled_from(sorted(RATES))))
    return CartCase(
        catalog, items, draw(promotion_lists(catalog, currency)),
        draw(st.sampled_from([None, "verano", " Bienvenida ", "NOEXISTE"])),
        draw(st.booleans()), shipping, draw(st.sampled_from(DeliveryMethod)),
    )


def later(**kwargs) -> datetime:
    return NOW + timedelta(**kwargs)
