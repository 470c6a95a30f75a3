"""The business rules a shop configures, as the domain sees them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from domain.invoice import InvoicingPolicy
from domain.money import Money
from domain.ports import Clock, FiscalAuthority, NumberingOnly, SystemClock
from domain.pricing import ShippingRule
from domain.taxes import TaxPolicy


@dataclass(frozen=True)
class Shop:
    currency: str
    country: str
    taxes: TaxPolicy
    shipping: ShippingRule
    invoicing: InvoicingPolicy
    payment_methods: tuple[str, ...]
    quote_validity: timedelta = timedelta(days=7)
    reservation: timedelta = timedelta(hours=48)  # stock held for an unpaid order
    auto_approve: bool = False
    credit_tax_ids: frozenset[str] = frozenset()  # customers who may pay after delivery
    cash_on_delivery_limit: Decimal | None = None
    conditions_of_sale: str = ""
    clock: Clock = field(default_factory=SystemClock)
    fiscal: FiscalAuthority = field(default_factory=NumberingOnly)

    def payment_methods_for(self, amount: Money) -> tuple[str, ...]:
        """The methods that can pay `amount`: cash on delivery only up to its limit."""
        too_much_cash = self.cash_on_delivery_limit is not None \
            and amount.amount > self.cash_on_delivery_limit
        return tuple(method for method in self.payment_methods
                     if not (method == "cash_on_delivery" and too_much_cash))
