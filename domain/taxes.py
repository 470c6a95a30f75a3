"""Tax categories and rates, and the split of an amount into net and tax."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from domain.errors import InvalidValue
from domain.money import Money


@dataclass(frozen=True, slots=True)
class TaxSplit:
    net: Money
    tax: Money

    @property
    def gross(self) -> Money:
        return self.net + self.tax


@dataclass(frozen=True)
class TaxPolicy:
    """`rates` maps a tax category id (e.g. 'iva21') to its rate (Decimal('0.21'))."""

    rates: dict[str, Decimal]
    prices_include_tax: bool
    labels: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for category, rate in self.rates.items():
            if not (Decimal(0) <= rate < 1):
                raise InvalidValue(f"tax rate of {category} must be between 0 and 1, not {rate}")

    def rate(self, category: str) -> Decimal:
        try:
            return self.rates[category]
        except KeyError:
            raise InvalidValue(f"unknown tax category {category!r}") from None

    def split(self, amount: Money, category: str) -> TaxSplit:
        """Split a rounded amount expressed in the catalog's convention into net + tax."""
        rate = self.rate(category)
        if self.prices_include_tax:
            net = Money(amount.amount / (1 + rate), amount.currency).rounded()
            return TaxSplit(net, amount - net)
        return TaxSplit(amount, (amount * rate).rounded())
