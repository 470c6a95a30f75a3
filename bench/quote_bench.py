"""Quote of a 50-line cart with promotions: microseconds per quote (pure domain)."""

from __future__ import annotations

import statistics
import time
from datetime import datetime, timezone
from decimal import Decimal

from domain.catalog import PriceTier, Product
from domain.money import Money
from domain.pricing import CartItem, DeliveryMethod, ShippingRule, price_cart
from domain.promotions import Promotion, PromotionContext, PromotionKind, PromotionScope
from domain.taxes import TaxPolicy

CATEGORIES = ["Café/En grano", "Café/Molido", "Tazas", "Molinillos", "Accesorios"]


def catalog() -> dict[str, Product]:
    products = {}
    for i in range(50):
        sku = f"SKU-{i:03d}"
        products[sku] = Product(
            sku, f"Producto {i}", Money(Decimal(1000 + 137 * i) + Decimal("0.99"), "ARS"),
            "iva21" if i % 3 else "iva105", CATEGORIES[i % len(CATEGORIES)],
            stock_on_hand=1000, tiers=[PriceTier(5, Decimal(900 + 120 * i))],
        )
    return products


def promotions() -> list[Promotion]:
    return [
        Promotion("Bienvenida", PromotionKind.PERCENT, Decimal("10"), code="BIENVENIDA", id=1),
        Promotion("Grano", PromotionKind.PERCENT, Decimal("5"), PromotionScope.CATEGORY,
                  "Café", min_quantity=3, id=2),
        Promotion("Molinillos", PromotionKind.FIXED, Decimal("2000"), PromotionScope.CATEGORY,
                  "Molinillos", id=3),
        Promotion("Taza", PromotionKind.PERCENT, Decimal("15"), PromotionScope.PRODUCT,
                  "SKU-002", stackable=True, id=4),
        Promotion("Envío", PromotionKind.FIXED, Decimal("500"), min_amount=Decimal("10000"),
                  stackable=True, id=5),
    ]


def main(rounds: int = 2000) -> None:
    products, promos = catalog(), promotions()
    items = [CartItem(sku, 1 + i % 7) for i, sku in enumerate(products)]
    taxes = TaxPolicy({"iva21": Decimal("0.21"), "iva105": Decimal("0.105")}, True)
    shipping = ShippingRule(Decimal("3500"), Decimal("50000"), "iva21")
    ctx = PromotionContext(datetime.now(timezone.utc), code="BIENVENIDA")
    samples = []
    for _ in range(rounds):
        start = time.perf_counter_ns()
        price_cart(items, products, promos, ctx, taxes, shipping, DeliveryMethod.DELIVERY)
        samples.append((time.perf_counter_ns() - start) / 1000)
    samples.sort()
    print(f"quote of a 50-line cart with {len(promos)} promotions, {rounds} rounds")
    print(f"  p50 {statistics.median(samples):.0f} µs   p99 {samples[int(rounds * 0.99)]:.0f} µs"
          f"   mean {statistics.fmean(samples):.0f} µs")


if __name__ == "__main__":
    main()
