"""Whatever a customer types renders, or degrades to something readable; never a crash."""

import logging
from contextlib import contextmanager
from dataclasses import replace

import document_samples as samples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_text import needs_pdftotext, pdf_pages

from bot.documents import render_invoice, render_quote
from bot.documents.typeface import drawable, printable
from domain.invoice import Party
from domain.promotions import AppliedPromotion

FAST = settings(max_examples=200, deadline=None, derandomize=True)
RENDERS = settings(max_examples=20, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow])
anything = st.text() | st.text(max_size=5, min_size=1).map(lambda chunk: chunk * 2500)


@contextmanager
def fpdf_warnings():
    """Warnings fpdf2 logs, e.g. glyphs missing from the font: printable should leave none."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append
    logger = logging.getLogger("fpdf")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


@FAST
@given(text=anything, limit=st.integers(1, 300))
def test_printable_text_is_short_on_one_line_and_in_the_font(text, limit):
    shown = printable(text, limit)
    assert len(shown) <= limit
    assert shown == shown.strip(" ") and "  " not in shown
    assert all(ord(char) in drawable() or char == " " for char in shown)


def test_what_the_font_lacks_is_dropped_or_marked():
    assert printable("Ana 🌸 Núñez", 50) == "Ana Núñez"
    assert printable("李小龍 Lee", 50) == "??? Lee"
    assert printable("José\u202e\u200b “el ñandú” — O’Brien\n\tS.A.\x00", 60) == (
        "José “el ñandú” — O’Brien S.A.")
    assert printable("x" * 10_000, 120) == "x" * 119 + "…"


@RENDERS
@given(name=anything, tax_id=anything, address=anything, product=anything, sku=anything,
       reason=anything)
def test_an_invoice_renders_whatever_the_customer_typed(name, tax_id, address, product, sku,
                                                        reason):
    first, *others = samples.priced().lines
    lines = [replace(first, name=product, sku=sku), *others]
    invoice = replace(samples.invoice(lines, Party(name, tax_id, address, name)), reason=reason)
    with fpdf_warnings() as warnings:
        pdf = render_invoice(invoice, samples.profile(), samples.translator("es"))
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert warnings == []


@RENDERS
@given(label=anything, code=anything, address=anything)
def test_a_quote_renders_whatever_promotion_labels_and_addresses_hold(label, code, address):
    quote = samples.quote()
    promotion = quote.promotions[0]
    quote = replace(quote, promo_code=code,
                    promotions=[AppliedPromotion(promotion.promotion_id, label, promotion.amount)])
    customer = samples.customer()
    customer.addresses = [address]
    pdf = render_quote(quote, customer, samples.profile(), samples.translator("en"))
    assert pdf.startswith(b"%PDF-")


@needs_pdftotext
def test_a_name_in_many_scripts_prints_what_the_font_can():
    buyer = Party("Zoë 🌸 O’Brien — 李 \u202eשלום\u202c" + "x" * 10_000, "20-12345678-6",
                  "Calle “Ñandú” 123\x00\x07", None)
    pages = pdf_pages(render_invoice(samples.invoice(buyer=buyer), samples.profile(),
                                     samples.translator("es")))
    assert len(pages) == 1
    assert "Zoë O’Brien — ?" in pages[0] and "Calle “Ñandú” 123" in pages[0]


@needs_pdftotext
def test_text_that_looks_like_the_page_count_alias_is_printed_as_typed():
    buyer = Party("Ana {nb}", None, "Calle {nb} 1", None)
    text, = pdf_pages(render_invoice(samples.invoice(buyer=buyer), samples.profile(),
                                     samples.translator("es")))
    assert "Ana {nb}" in text and "Calle {nb} 1" in text
