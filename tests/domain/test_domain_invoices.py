"""Invoices: series numbering without gaps, document letters, display numbers."""

from domain_strategies import NOW, PROPERTY, price, product
from hypothesis import given
from hypothesis import strategies as st

from domain.invoice import (
    DocumentKind, DocumentType, Invoice, InvoiceSeries, InvoicingPolicy, Party, series_key,
)

SHOP = Party("Café del Centro SRL", "30-50001091-2", "Av. Corrientes 1234, CABA",
             "Responsable Inscripto")
POLICY = InvoicingPolicy(3, (DocumentType("A", requires_buyer_tax_id=True), DocumentType("B")),
                         "B", seller=SHOP)


@PROPERTY
@given(st.integers(1, 10**6), st.integers(0, 200))
def test_a_series_hands_out_consecutive_numbers_without_gaps(start, count):
    series = InvoiceSeries("invoice:B:0003", next_number=start)
    assert [series.take() for _ in range(count)] == list(range(start, start + count))
    assert series.next_number == start + count


def test_a_buyer_with_a_tax_id_gets_the_letter_that_requires_one_and_anyone_else_the_default():
    assert POLICY.letter_for("20-26756539-3") == "A"
    assert POLICY.letter_for(None) == POLICY.letter_for("") == "B"
    only_b = InvoicingPolicy(3, (DocumentType("B"),), "B")
    assert only_b.letter_for("20-26756539-3") == "B"


def test_invoices_and_credit_notes_number_in_separate_series():
    lines = list(price([("A", 1)], [product("A", "10")]).lines)
    buyer = Party("Ana", None, "Calle 1")
    invoice = Invoice(DocumentKind.INVOICE, "B", 3, 42, 11, 7, SHOP, buyer, "ARS", lines, NOW)
    credit = Invoice(DocumentKind.CREDIT_NOTE, "B", 3, 42, 11, 7, SHOP, buyer, "ARS", lines,
                     NOW, credited_invoice_id=1)
    assert invoice.series == series_key(DocumentKind.INVOICE, "B", 3) == "invoice:B:0003"
    assert credit.series == "credit_note:B:0003" != invoice.series
    assert invoice.display_number == "B 0003-00000042"
