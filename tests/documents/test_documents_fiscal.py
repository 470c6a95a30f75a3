"""Argentine fiscal rules on the PDF: an A document discriminates IVA for a registered buyer,
and the buyer is billed at their own address, never at the shop's pickup counter."""

from dataclasses import replace
from decimal import Decimal

import document_samples as samples
import pytest
from pdf_text import needs_pdftotext, one_row, pdf_pages, rows_starting

from bot.documents import render_invoice, render_order
from domain.documents import LineKind
from domain.invoice import Party
from domain.pricing import DeliveryMethod
from domain.services.invoicing import buyer_of

PICKUP_ADDRESS = "Defensa 1020, San Telmo"
REGISTERED = Party("Tostadores Unidos S.A.", "30-71234567-1", "Av. Córdoba 500, CABA",
                   "IVA Responsable Inscripto")
CENT = Decimal("0.01")


def pickup_order():
    return replace(samples.order(), delivery=DeliveryMethod.PICKUP,
                   delivery_address=PICKUP_ADDRESS)


def invoice_a(buyer: Party = REGISTERED, included: bool = True):
    return replace(samples.invoice(list(samples.priced(included).lines), buyer), letter="A")


def test_a_pickup_order_bills_the_customer_at_their_own_address():
    customer = samples.customer()
    assert buyer_of(customer, pickup_order()).address == customer.addresses[0]


def test_a_delivered_order_bills_the_customer_at_the_delivery_address():
    order = replace(samples.order(), delivery_address="Av. de Mayo 800, CABA")
    assert buyer_of(samples.customer(), order).address == "Av. de Mayo 800, CABA"


def test_a_pickup_customer_without_an_address_is_billed_without_one():
    customer = replace(samples.customer(), addresses=[])
    assert buyer_of(customer, pickup_order()).address == ""


@needs_pdftotext
def test_the_pickup_address_is_printed_only_as_where_to_pick_up():
    text, = pdf_pages(render_order(pickup_order(), samples.customer(), samples.profile(),
                                   samples.translator("es")))
    assert "Dirección Av. Corrientes 1234, 5° B, CABA" in " ".join(text.split())
    assert text.count(PICKUP_ADDRESS) == 1
    assert f"Retiro en el local: {PICKUP_ADDRESS}" in text


@needs_pdftotext
@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("included", [True, False], ids=["prices with iva", "net prices"])
def test_an_a_invoice_shows_net_lines_that_add_up_with_iva_to_the_total(language, included):
    t = samples.translator(language)
    invoice = invoice_a(included=included)
    text, = pdf_pages(render_invoice(invoice, samples.profile(), t))
    rows = [one_row(text, t.t("documents.shipping") if line.kind is LineKind.SHIPPING
                    else line.sku, t, 2) for line in invoice.lines]
    for row, line in zip(rows, invoice.lines):
        assert row == [(line.net.amount / line.quantity).quantize(CENT), line.net.amount]
    net = one_row(text, t.t("documents.net_subtotal"), t, 1)[0]
    iva = [row[0] for label in ("IVA 10,5%", "IVA 21%")
           for row in rows_starting(text, label, t, 1)]
    total = one_row(text, t.t("documents.total"), t, 1)[0]
    assert sum(row[1] for row in rows) == net == invoice.totals.net.amount
    assert iva == [part.tax.amount for part in invoice.totals.taxes]
    assert net + sum(iva) == total == invoice.totals.total.amount
    assert t.t("documents.taxes_included") not in text
    assert t.t("documents.discount") not in text


@needs_pdftotext
def test_an_a_credit_note_discriminates_iva_too():
    t = samples.translator("es")
    note = samples.credit_note(invoice_a())
    text, = pdf_pages(render_invoice(note, samples.profile(), t))
    net = one_row(text, "Subtotal neto", t, 1)[0]
    assert net == note.totals.net.amount
    assert "Los precios incluyen impuestos." not in text


@needs_pdftotext
def test_an_a_invoice_names_the_buyers_iva_condition_only_when_known():
    t = samples.translator("es")
    known, = pdf_pages(render_invoice(invoice_a(), samples.profile(), t))
    unknown, = pdf_pages(render_invoice(invoice_a(replace(REGISTERED, tax_condition=None)),
                                        samples.profile(), t))
    assert "Condición fiscal IVA Responsable Inscripto" in " ".join(known.split())
    assert "Condición fiscal" not in unknown
    assert unknown.count("Responsable Inscripto") == 1  # the seller's, in the header


@needs_pdftotext
def test_a_b_invoice_keeps_final_prices_and_says_they_include_iva():
    t = samples.translator("es")
    invoice = samples.invoice()
    text, = pdf_pages(render_invoice(invoice, samples.profile(), t))
    coffee = invoice.lines[0]
    assert one_row(text, coffee.sku, t, 3)[0] == coffee.unit_price.amount
    assert "Subtotal neto" not in text and "Los precios incluyen impuestos." in text
