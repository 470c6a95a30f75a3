"""Invoices and credit notes, and the gapless number series they take numbers from."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import Session

from domain.invoice import DocumentKind, Invoice, InvoiceSeries, InvoiceStatus, Party
from storage.identity_map import IdentityMap, Record
from storage.repositories.base import (
    AggregateMapping,
    Children,
    SqlRepository,
    attributes,
    insert_or_ignore,
    rehydrate,
    values,
)
from storage.repositories.lines import line_rows, lines_from
from storage.schema import invoice_lines, invoice_series, invoices

SAME_NAMED = ("id", "letter", "point_of_sale", "number", "order_id", "customer_id",
              "currency", "issued_at", "credited_invoice_id", "reason", "fiscal_code")
PARTY = ("name", "tax_id", "address", "tax_condition")


def party_row(role: str, party: Party) -> dict[str, Any]:
    return {f"{role}_{name}": getattr(party, name) for name in PARTY}


def party_from(row: RowMapping, role: str) -> Party:
    return Party(**{name: row[f"{role}_{name}"] for name in PARTY})


def dump(invoice: Invoice) -> Record:
    return Record(
        row={**attributes(invoice, SAME_NAMED), "kind": invoice.kind.value,
             "series": invoice.series, "status": invoice.status.value,
             **party_row("seller", invoice.seller), **party_row("buyer", invoice.buyer)},
        children={"lines": line_rows(invoice.lines, invoice.currency)},
    )


def load(row: RowMapping, children: Children) -> Invoice:
    return rehydrate(
        Invoice, **values(row, SAME_NAMED), kind=DocumentKind(row["kind"]),
        status=InvoiceStatus(row["status"]), seller=party_from(row, "seller"),
        buyer=party_from(row, "buyer"), lines=lines_from(children["lines"], row["currency"]),
    )


def dump_series(series: InvoiceSeries) -> Record:
    return Record({"key": series.key, "next_number": series.next_number})


def load_series(row: RowMapping, _children: Children) -> InvoiceSeries:
    return InvoiceSeries(row["key"], row["next_number"])


class SqlInvoiceSeriesRepository(SqlRepository[InvoiceSeries]):
    mapping = AggregateMapping(invoice_series, "key", dump_series, load_series)

    def lock(self, key: str) -> InvoiceSeries:
        # Two transactions creating the same new series: one inserts, the other's insert
        # waits for it and does nothing; both then queue on the row lock.
        new = {"key": key, "next_number": 1}
        self.session.execute(insert_or_ignore(self.session, invoice_series), new)
        return self._locked(invoice_series.c.key == key)[0]


class SqlInvoiceRepository(SqlRepository[Invoice]):
    mapping = AggregateMapping(invoices, "id", dump, load, {"lines": invoice_lines})

    def __init__(self, session: Session, identity_map: IdentityMap) -> None:
        super().__init__(session, identity_map)
        self._series = SqlInvoiceSeriesRepository(session, identity_map)

    def get(self, invoice_id: int) -> Invoice | None:
        return self._get(invoice_id)

    def for_order(self, order_id: int) -> list[Invoice]:
        """In the order they were issued: the invoice, then its credit notes."""
        return self._fetch(
            self._select(invoices.c.order_id == order_id).order_by(invoices.c.id))

    def lock_series(self, key: str) -> InvoiceSeries:
        """The series row locked for update, created at number 1 if new."""
        return self._series.lock(key)
