"""Catalog: categories as paths, products with features, volume price tiers and stock."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from domain.errors import InvalidValue, OutOfStock
from domain.events import EventSource
from domain.money import Money, to_decimal

BACK_IN_STOCK = "product.back_in_stock"
SKU_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
MAX_QUANTITY = 100_000


def normalize_category(path: str) -> str:
    """'Café / Molido ' → 'Café/Molido': the path is the category's identity."""
    parts = [part.strip() for part in (path or "").split("/")]
    if any(not part for part in parts) and path.strip():
        raise InvalidValue(f"category path has an empty part: {path!r}")
    return "/".join(part for part in parts if part)


def fold(text: str) -> str:
    """Lowercase without accents, for matching what people type."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def check_quantity(quantity: object) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise InvalidValue(f"quantity must be a whole number, not {quantity!r}")
    if quantity <= 0:
        raise InvalidValue(f"quantity must be at least 1, not {quantity}")
    if quantity > MAX_QUANTITY:
        raise InvalidValue(f"quantity {quantity} is more than the {MAX_QUANTITY} allowed")
    return quantity


def check_price(amount: object, what: str = "price") -> Decimal:
    value = to_decimal(amount)
    if value <= 0:
        raise InvalidValue(f"{what} must be greater than zero, not {value}")
    return value


@dataclass(frozen=True, slots=True)
class Category:
    path: str

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def parent(self) -> str | None:
        return self.path.rsplit("/", 1)[0] if "/" in self.path else None

    def contains(self, category_path: str) -> bool:
        return category_path == self.path or category_path.startswith(self.path + "/")


@dataclass(frozen=True, slots=True)
class PriceTier:
    """From `min_quantity` units on, each unit costs `unit_price` (same currency as the product)."""

    min_quantity: int
    unit_price: Decimal


@dataclass(eq=False)
class Product(EventSource):
    sku: str
    name: str
    price: Money
    tax_category: str
    category: str = ""
    description: str = ""
    features: dict[str, str] = field(default_factory=dict)
    image: str | None = None
    active: bool = True
    tiers: list[PriceTier] = field(default_factory=list)
    stock_on_hand: int = 0
    stock_reserved: int = 0

    def __post_init__(self) -> None:
        if not SKU_PATTERN.fullmatch(self.sku or ""):
            raise InvalidValue(f"invalid SKU {self.sku!r}: letters, digits, '.', '_', '-'")
        if not (self.name or "").strip() or len(self.name) > 200:
            raise InvalidValue(f"product {self.sku} needs a name of at most 200 characters")
        check_price(self.price.amount)
        self.category = normalize_category(self.category)
        if len(self.category) > 200:
            raise InvalidValue(f"category of {self.sku} is longer than 200 characters")
        if not 0 <= self.stock_reserved <= self.stock_on_hand:
            raise InvalidValue(f"stock of {self.sku} cannot be negative or below what is reserved")
        for tier in self.tiers:
            check_price(tier.unit_price, f"tier price of {self.sku}")
            if isinstance(tier.min_quantity, bool) or tier.min_quantity < 1:
                raise InvalidValue(f"a volume tier of {self.sku} starts at 1 unit or more")
        self.tiers = sorted(self.tiers, key=lambda tier: tier.min_quantity)

    @property
    def available(self) -> int:
        return self.stock_on_hand - self.stock_reserved

    def unit_price_for(self, quantity: int) -> Money:
        """The catalog unit price for this quantity: the best tier reached, else the list price."""
        price = self.price.amount
        for tier in self.tiers:
            if quantity >= tier.min_quantity:
                price = min(price, tier.unit_price)
        return Money(price, self.price.currency)

    def reserve(self, quantity: int) -> None:
        check_quantity(quantity)
        if not self.active:
            raise OutOfStock(f"{self.name} is not for sale", sku=self.sku)
        if quantity > self.available:
            raise OutOfStock(
                f"only {max(self.available, 0)} of {self.name} left, {quantity} asked",
                sku=self.sku, available=max(self.available, 0), requested=quantity,
            )
        self.stock_reserved += quantity

    def release(self, quantity: int) -> None:
        check_quantity(quantity)
        if quantity > self.stock_reserved:
            raise InvalidValue(f"cannot release {quantity} of {self.sku}: "
                               f"{self.stock_reserved} reserved")
        was = self.available
        self.stock_reserved -= quantity
        self._back_in_stock(was)

    def ship(self, quantity: int) -> None:
        """Reserved units leave the warehouse."""
        check_quantity(quantity)
        if quantity > self.stock_reserved:
            raise InvalidValue(f"cannot ship {quantity} of {self.sku}: {self.stock_reserved} reserved")
        self.stock_reserved -= quantity
        self.stock_on_hand -= quantity

    def set_stock(self, on_hand: int) -> None:
        if isinstance(on_hand, bool) or not isinstance(on_hand, int) or on_hand < 0:
            raise InvalidValue(f"stock must be a whole number ≥ 0, not {on_hand!r}")
        if on_hand < self.stock_reserved:
            raise InvalidValue(
                f"cannot set stock of {self.sku} to {on_hand}: {self.stock_reserved} are reserved"
            )
        was = self.available
        self.stock_on_hand = on_hand
        self._back_in_stock(was)

    def _back_in_stock(self, available_before: int) -> None:
        """Customers waiting for it hear once it can be bought again."""
        if available_before <= 0 < self.available:
            self.record(BACK_IN_STOCK, sku=self.sku)

    def update_from(self, other: Product) -> None:
        """Take the catalog data of `other` (an import row); reservations stay as they are."""
        self.set_stock(other.stock_on_hand)
        self.name, self.description, self.category = other.name, other.description, other.category
        self.price, self.tax_category = other.price, other.tax_category
        self.features, self.image = dict(other.features), other.image

    def set_price(self, amount: object) -> None:
        self.price = Money(check_price(amount), self.price.currency)
