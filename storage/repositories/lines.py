"""Document lines and applied promotions as rows; their amounts are in the document's
currency, which the parent row holds once."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import RowMapping

from domain.documents import DocumentLine, LineKind
from domain.money import Money
from domain.promotions import AppliedPromotion
from storage.repositories.base import money

LINE_AMOUNTS = ("unit_price", "list_amount", "discount", "net", "tax")


def amount_in(value: Money, currency: str) -> Any:
    if value.currency != currency:
        raise ValueError(f"a {currency} document cannot hold an amount in {value.currency}")
    return value.amount


def line_rows(lines: list[DocumentLine], currency: str) -> list[dict[str, Any]]:
    return [
        {"kind": line.kind.value, "sku": line.sku, "name": line.name,
         "quantity": line.quantity, "tax_category": line.tax_category,
         "tax_rate": line.tax_rate,
         **{name: amount_in(getattr(line, name), currency) for name in LINE_AMOUNTS}}
        for line in lines
    ]


def lines_from(rows: list[RowMapping], currency: str) -> list[DocumentLine]:
    return [
        DocumentLine(
            kind=LineKind(row["kind"]), sku=row["sku"], name=row["name"],
            quantity=row["quantity"], tax_category=row["tax_category"],
            tax_rate=row["tax_rate"],
            **{name: money(row[name], currency) for name in LINE_AMOUNTS},
        )
        for row in rows
    ]


def promotion_rows(applied: list[AppliedPromotion], currency: str) -> list[dict[str, Any]]:
    return [{"promotion_id": p.promotion_id, "label": p.label,
             "amount": amount_in(p.amount, currency)} for p in applied]


def promotions_from(rows: list[RowMapping], currency: str) -> list[AppliedPromotion]:
    return [AppliedPromotion(row["promotion_id"], row["label"], money(row["amount"], currency))
            for row in rows]
