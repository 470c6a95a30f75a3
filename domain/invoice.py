"""Invoices and credit notes: immutable, numbered without gaps per series."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.documents import DocumentLine, PricedDocument
from domain.events import EventSource
from domain.status import StatusMachine


class DocumentKind(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class InvoiceStatus(StrEnum):
    ISSUED = "issued"
    PAID = "paid"
    CREDITED = "credited"


INVOICE_STATUS = StatusMachine("invoice", {
    InvoiceStatus.ISSUED: frozenset({InvoiceStatus.PAID, InvoiceStatus.CREDITED}),
    InvoiceStatus.PAID: frozenset({InvoiceStatus.CREDITED}),
})


def series_key(kind: DocumentKind, letter: str, point_of_sale: int) -> str:
    return f"{kind.value}:{letter}:{point_of_sale:04d}"


@dataclass(frozen=True, slots=True)
class Party:
    """Fiscal data of seller or buyer, frozen on the document."""

    name: str
    tax_id: str | None
    address: str
    tax_condition: str | None = None


@dataclass(eq=False)
class InvoiceSeries:
    """The next number of one series; taken only while the series row is locked."""

    key: str
    next_number: int = 1

    def take(self) -> int:
        number = self.next_number
        self.next_number += 1
        return number


@dataclass(eq=False)
class Invoice(PricedDocument, EventSource):
    kind: DocumentKind
    letter: str
    point_of_sale: int
    number: int
    order_id: int
    customer_id: int
    seller: Party
    buyer: Party
    currency: str
    lines: list[DocumentLine]
    issued_at: datetime
    credited_invoice_id: int | None = None
    reason: str | None = None
    fiscal_code: str | None = None
    status: InvoiceStatus = InvoiceStatus.ISSUED
    id: int | None = None

    @property
    def series(self) -> str:
        return series_key(self.kind, self.letter, self.point_of_sale)

    @property
    def display_number(self) -> str:
        return f"{self.letter} {self.point_of_sale:04d}-{self.number:08d}"

    def mark_paid(self) -> None:
        self.status = INVOICE_STATUS.check(self.status, InvoiceStatus.PAID)

    def mark_credited(self) -> None:
        self.status = INVOICE_STATUS.check(self.status, InvoiceStatus.CREDITED)


@dataclass(frozen=True, slots=True)
class DocumentType:
    """A fiscal document letter (Argentina: A for registered buyers, B for consumers)."""

    letter: str
    requires_buyer_tax_id: bool = False


@dataclass(frozen=True)
class InvoicingPolicy:
    point_of_sale: int
    document_types: tuple[DocumentType, ...]
    default_letter: str
    issue_on_payment: bool = False
    seller: Party = field(default_factory=lambda: Party("", None, ""))

    def letter_for(self, buyer_tax_id: str | None) -> str:
        """A buyer with a tax id gets the first type that needs one; anyone else the default."""
        if buyer_tax_id:
            for doc_type in self.document_types:
                if doc_type.requires_buyer_tax_id:
                    return doc_type.letter
        return self.default_letter
