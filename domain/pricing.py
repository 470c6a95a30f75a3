"""From a cart to priced document lines: tiers, promotions, taxes and shipping."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from domain.catalog import Product, check_quantity
from domain.documents import DocumentLine, LineKind
from domain.errors import InvalidValue, NotFound, OutOfStock
from domain.money import Money, total
from domain.promotions import (
    AppliedPromotion, LineBase, Promotion, PromotionContext, apply_promotions,
)
from domain.taxes import TaxPolicy

SHIPPING_SKU = "SHIPPING"


class DeliveryMethod(StrEnum):
    DELIVERY = "delivery"
    PICKUP = "pickup"


@dataclass(frozen=True, slots=True)
class ShippingRule:
    flat_fee: Decimal
    free_above: Decimal | None
    tax_category: str
    pickup_enabled: bool = True
    pickup_address: str | None = None

    def fee(self, goods: Money, delivery: DeliveryMethod) -> Money:
        if delivery is DeliveryMethod.PICKUP:
            if not self.pickup_enabled:
                raise InvalidValue("this shop does not offer pickup")
            return Money.zero(goods.currency)
        if self.free_above is not None and goods.amount >= self.free_above:
            return Money.zero(goods.currency)
        return Money(self.flat_fee, goods.currency).rounded()


@dataclass(frozen=True, slots=True)
class CartItem:
    sku: str
    quantity: int


@dataclass(frozen=True)
class PricedCart:
    lines: tuple[DocumentLine, ...]
    promotions: tuple[AppliedPromotion, ...]
    code_refusal: str | None


def merge_items(items: list[CartItem]) -> list[CartItem]:
    """One line per SKU, in first-seen order, quantities added."""
    quantities: dict[str, int] = {}
    for item in items:
        quantities[item.sku] = quantities.get(item.sku, 0) + check_quantity(item.quantity)
    return [CartItem(sku, check_quantity(qty)) for sku, qty in quantities.items()]


def sellable(items: list[CartItem], catalog: Mapping[str, Product]) -> list[Product]:
    products = []
    for item in items:
        product = catalog.get(item.sku)
        if product is None or not product.active:
            raise NotFound(f"there is no product {item.sku!r} for sale", sku=item.sku)
        if item.quantity > product.available:
            raise OutOfStock(
                f"only {max(product.available, 0)} of {product.name} available",
                sku=item.sku, available=max(product.available, 0), requested=item.quantity,
            )
        products.append(product)
    return products


def price_cart(
    items: list[CartItem], catalog: Mapping[str, Product], promotions: list[Promotion],
    ctx: PromotionContext, taxes: TaxPolicy, shipping: ShippingRule, delivery: DeliveryMethod,
) -> PricedCart:
    items = merge_items(items)
    if not items:
        raise InvalidValue("the cart is empty")
    products = sellable(items, catalog)
    currency = products[0].price.currency
    bases = [
        LineBase(p.sku, p.category, item.quantity,
                 (p.unit_price_for(item.quantity) * item.quantity).rounded())
        for p, item in zip(products, items)
    ]
    result = apply_promotions(bases, promotions, ctx, currency)
    lines = [
        _line(LineKind.PRODUCT, p.sku, p.name, item.quantity, p.unit_price_for(item.quantity),
              base.amount, discount, p.tax_category, taxes)
        for p, item, base, discount in zip(products, items, bases, result.discounts)
    ]
    fee = shipping.fee(total([line.amount for line in lines], currency), delivery)
    if not fee.is_zero():
        lines.append(_line(LineKind.SHIPPING, SHIPPING_SKU, "shipping", 1, fee, fee,
                           Money.zero(currency), shipping.tax_category, taxes))
    return PricedCart(tuple(lines), tuple(result.applied), result.code_refusal)


def _line(
    kind: LineKind, sku: str, name: str, quantity: int, unit_price: Money, list_amount: Money,
    discount: Money, tax_category: str, taxes: TaxPolicy,
) -> DocumentLine:
    split = taxes.split(list_amount - discount, tax_category)
    return DocumentLine(kind, sku, name, quantity, unit_price, list_amount, discount,
                        tax_category, taxes.rate(tax_category), split.net, split.tax)
