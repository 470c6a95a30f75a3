"""Lines and totals shared by quotes, orders, invoices and credit notes.

Every line is rounded on its own and every total is a sum of rounded lines, so a document
always adds up to the cent.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from domain.money import Money, allocate, total


class LineKind(StrEnum):
    PRODUCT = "product"
    SHIPPING = "shipping"


@dataclass(frozen=True, slots=True)
class DocumentLine:
    """A frozen snapshot. `unit_price` and `list_amount` follow the catalog's tax convention."""

    kind: LineKind
    sku: str
    name: str
    quantity: int
    unit_price: Money
    list_amount: Money
    discount: Money
    tax_category: str
    tax_rate: Decimal
    net: Money
    tax: Money

    @property
    def amount(self) -> Money:
        """What the line charges after discounts, in the catalog's convention."""
        return self.list_amount - self.discount

    @property
    def gross(self) -> Money:
        return self.net + self.tax


@dataclass(frozen=True, slots=True)
class TaxBreakdown:
    rate: Decimal
    base: Money
    tax: Money


@dataclass(frozen=True, slots=True)
class Totals:
    subtotal: Money
    discount: Money
    shipping: Money
    net: Money
    tax: Money
    total: Money
    taxes: tuple[TaxBreakdown, ...]


class PricedDocument:
    """For documents made of `lines` in one `currency`: quotes, orders, invoices."""

    lines: list[DocumentLine]
    currency: str

    @property
    def totals(self) -> Totals:
        return compute_totals(self.lines, self.currency)

    @property
    def product_lines(self) -> list[DocumentLine]:
        return [line for line in self.lines if line.kind is LineKind.PRODUCT]


def compute_totals(lines: list[DocumentLine] | tuple[DocumentLine, ...], currency: str) -> Totals:
    products = [line for line in lines if line.kind is LineKind.PRODUCT]
    shipping = [line for line in lines if line.kind is LineKind.SHIPPING]
    by_rate: dict[Decimal, list[DocumentLine]] = {}
    for line in lines:
        by_rate.setdefault(line.tax_rate, []).append(line)
    taxes = tuple(
        TaxBreakdown(rate, total([ln.net for ln in group], currency),
                     total([ln.tax for ln in group], currency))
        for rate, group in sorted(by_rate.items())
    )
    return Totals(
        subtotal=total([line.list_amount for line in products], currency),
        discount=total([line.discount for line in lines], currency),
        shipping=total([line.amount for line in shipping], currency),
        net=total([line.net for line in lines], currency),
        tax=total([line.tax for line in lines], currency),
        total=total([line.gross for line in lines], currency),
        taxes=taxes,
    )


def credit_lines(lines: list[DocumentLine], amount: Money,
                 tax_included: bool) -> list[DocumentLine]:
    """Lines of a credit note for `amount` (gross), spread over `lines` by their gross, each
    split into net and tax at its own rate: the note adds up to exactly `amount`."""
    shares = allocate(amount, [line.gross for line in lines])
    return [_gross_line(line, share, tax_included)
            for line, share in zip(lines, shares) if not share.is_zero()]


def _gross_line(line: DocumentLine, gross: Money, tax_included: bool) -> DocumentLine:
    net = Money(gross.amount / (1 + line.tax_rate), gross.currency).rounded()
    amount = gross if tax_included else net
    return DocumentLine(line.kind, line.sku, line.name, 1, amount, amount,
                        Money.zero(gross.currency), line.tax_category, line.tax_rate,
                        net, gross - net)
