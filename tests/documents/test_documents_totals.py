"""What a customer reads on the PDF adds up, in Spanish and in English."""

from decimal import Decimal

import document_samples as samples
import pytest
from pdf_text import needs_pdftotext, one_row, pdf_pages, rows_starting

from bot.documents import render_invoice, render_order, render_quote

pytestmark = needs_pdftotext
LANGUAGES = ["es", "en"]
PRODUCT_SKUS = ["CAFE-250", "TAZA-SUR", "FILTRO-V60"]


def only_page(pdf: bytes) -> str:
    pages = pdf_pages(pdf)
    assert len(pages) == 1
    return pages[0]


def shown_lines(text: str, t) -> tuple[list[list[Decimal]], list[Decimal]]:
    """Each product row (unit price, [discount,] amount) and the shipping row."""
    products = [one_row(text, sku, t, 3) if "CAFE" in sku else one_row(text, sku, t, 2)
                for sku in PRODUCT_SKUS]
    return products, one_row(text, t.t("documents.shipping"), t, 2)


def shown_total(text: str, key: str, t) -> Decimal:
    return one_row(text, t.t(f"documents.{key}"), t, 1)[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_invoice_total_is_the_lines_plus_shipping_minus_discounts(language):
    t = samples.translator(language)
    invoice = samples.invoice()
    text = only_page(render_invoice(invoice, samples.profile(), t))
    products, shipping = shown_lines(text, t)
    line_amounts = sum(row[-1] for row in products)
    discounts = sum(row[1] for row in products if len(row) == 3)
    assert discounts < 0
    assert shown_total(text, "subtotal", t) == line_amounts
    assert shown_total(text, "discounts", t) == discounts
    assert shown_total(text, "shipping", t) == shipping[-1] > 0
    total = shown_total(text, "total", t)
    assert total == line_amounts + shipping[-1] + discounts == invoice.totals.total.amount


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_invoice_breaks_taxes_down_per_rate_and_they_make_the_total(language):
    t = samples.translator(language)
    text = only_page(render_invoice(samples.invoice(), samples.profile(), t))
    iva21 = one_row(text, "IVA 21%", t, 2)
    iva105 = one_row(text, "IVA 10,5%", t, 2)
    assert iva21[1] == (iva21[0] * Decimal("0.21")).quantize(Decimal("0.01"))
    assert iva105[1] == (iva105[0] * Decimal("0.105")).quantize(Decimal("0.01"))
    assert sum(iva21 + iva105) == shown_total(text, "total", t)
    assert t.t("documents.tax_breakdown") in text and t.t("documents.taxes_included") in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_prices_without_tax_get_the_taxes_added_in_the_totals(language):
    t = samples.translator(language)
    order = samples.order(included=False)
    text = only_page(render_order(order, samples.customer(), samples.profile(), t))
    products, shipping = shown_lines(text, t)
    taxes = sum(row[0] for label in ("IVA 21%", "IVA 10,5%")
                for row in rows_starting(text, label, t, 1))
    assert taxes > 0
    expected = (sum(row[-1] for row in products) + shipping[-1]
                + shown_total(text, "discounts", t) + taxes)
    assert shown_total(text, "total", t) == expected == order.totals.total.amount


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_quote_total_matches_the_domain_and_shows_the_promotion(language):
    t = samples.translator(language)
    quote = samples.quote()
    text = only_page(render_quote(quote, samples.customer(), samples.profile(), t))
    assert shown_total(text, "total", t) == quote.totals.total.amount
    assert one_row(text, "10% en café", t, 1) == [-quote.promotions[0].amount.amount]
    assert t.t("documents.promo_code", code="BIENVENIDA") in text
