"""Who issues, to whom, which document, when and on what conditions: in the customer's
language, dates in the business time zone, every page numbered and headed."""

from dataclasses import replace

import document_samples as samples
import pytest
from pdf_text import needs_pdftotext, pdf_pages

from bot.config import load_config
from bot.documents import profile_from, render_invoice, render_order, render_quote

BUSINESS_HEADER = ["Café del Sur", "Café del Sur S.R.L.", "Defensa 1020",
                   "CUIT: 30-71654321-4 · IVA Responsable Inscripto", "hola@cafedelsur.com.ar",
                   "+54 11 4300-1234"]


def test_the_profile_comes_from_the_business_config():
    profile = profile_from(load_config(samples.DEMO_CONFIG, {}))
    assert (profile.name, profile.tax_id_name, profile.phone) == (
        "Café del Sur", "CUIT", "+54 11 4300-1234")
    assert profile.tax_labels == {"iva21": "IVA 21%", "iva105": "IVA 10,5%"}
    assert profile.bank_transfer and profile.bank_transfer.alias == "CAFE.DEL.SUR"
    assert profile.net_price_letters == {"A"}  # the type that requires the buyer's CUIT


@needs_pdftotext
def test_a_spanish_invoice_names_seller_buyer_and_the_document():
    invoice = samples.invoice()
    text, = pdf_pages(render_invoice(invoice, samples.profile(), samples.translator("es"),
                                     order=samples.order()))
    for expected in [*BUSINESS_HEADER, "Factura B", "B 0001-00000042", "Cliente",
                     "Ana María Núñez", "20-12345678-6", "Consumidor final", "Código",
                     "Descripción", "Cant.", "Precio unit.", "Descuento", "Importe",
                     "Taza de cerámica “Sur” — 300 ml", "Detalle de impuestos", "Alícuota",
                     "Base imponible", "Forma de pago", "Transferencia bancaria",
                     "0070096200000412345678", "Página 1 de 1", "75123456789012"]:
        assert expected in text
    assert "Fecha de emisión: 14 mar 2025, 22:30" in text  # 01:30 UTC on the 15th


@needs_pdftotext
def test_an_english_invoice_keeps_the_fiscal_name_under_its_title():
    text, = pdf_pages(render_invoice(samples.invoice(), samples.profile(),
                                     samples.translator("en")))
    for expected in ["Invoice B", "Factura B", "Customer", "Description", "Unit price",
                     "Tax breakdown", "Taxable base", "Prices include taxes.", "Page 1 of 1",
                     "Issued: Mar 14, 2025"]:
        assert expected in text
    assert "Factura relacionada" not in text and "Related invoice" not in text


@needs_pdftotext
@pytest.mark.parametrize("language, related, reason", [
    ("es", "Factura relacionada: B 0001-00000042", "Motivo"),
    ("en", "Related invoice: B 0001-00000042", "Reason"),
])
def test_a_credit_note_names_the_invoice_it_corrects_and_why(language, related, reason):
    invoice = samples.invoice()
    note = samples.credit_note(invoice)
    text, = pdf_pages(render_invoice(note, samples.profile(), samples.translator(language),
                                     credited=invoice))
    assert samples.translator(language).t("documents.credit_note", letter="B") in text
    assert "B 0001-00000003" in text and related in text
    assert reason in text and "Devolución de una taza rota" in text


@needs_pdftotext
@pytest.mark.parametrize("language, valid_until, delivery", [
    ("es", "Válido hasta: 21 mar 2025, 22:30", "Envío a domicilio"),
    ("en", "Valid until: Mar 21, 2025, 10:30", "Home delivery"),
])
def test_a_quote_says_until_when_it_is_valid(language, valid_until, delivery):
    t = samples.translator(language)
    text, = pdf_pages(render_quote(samples.quote(), samples.customer(), samples.profile(), t))
    assert t.t("documents.quote") in text and t.t("documents.number", number=17) in text
    assert valid_until in text and delivery in text
    assert "Av. Corrientes 1234, 5° B, CABA" in text


@needs_pdftotext
def test_a_purchase_order_shows_its_conditions_of_sale():
    text, = pdf_pages(render_order(samples.order(), samples.customer(), samples.profile(),
                                   samples.translator("en")))
    for expected in ["Purchase order", "No. 42", "Conditions of sale", "Payment method",
                     "Bank transfer", "Home delivery: Av. Corrientes 1234", "Entrega en 48 h",
                     "Alias: CAFE.DEL.SUR", "Promotions applied"]:
        assert expected in text


@needs_pdftotext
def test_a_long_invoice_repeats_the_header_and_column_titles_on_every_page():
    sample = samples.priced().lines
    lines = [replace(sample[i % 3], sku=f"SKU-{i:03d}") for i in range(90)] + [sample[3]]
    pages = pdf_pages(render_invoice(samples.invoice(lines), samples.profile(),
                                     samples.translator("es")))
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "Factura B" in page and "B 0001-00000042" in page and "Café del Sur" in page
        assert "Descripción" in page and "Importe" in page
        assert f"Página {number} de {len(pages)}" in page
    text = "\n".join(pages)
    assert all(f"SKU-{i:03d}" in text for i in range(90))
    assert "Total" in pages[-1]


def test_a_document_without_an_id_yet_still_renders():
    quote = replace(samples.quote(), id=None)
    pdf = render_quote(quote, samples.customer(), samples.profile(), samples.translator("es"))
    assert pdf.startswith(b"%PDF-")


@needs_pdftotext
@pytest.mark.parametrize("letter", ["A", "B"])
def test_product_codes_of_sixteen_characters_stay_on_one_line(letter):
    codes = ["CAF-GR-COL-500", "CAF-GR-BRA-1000", "BAZ-TAZA-SUR-300"]
    sample = samples.priced().lines
    lines = [replace(line, sku=code) for line, code in zip(sample, codes)] + list(sample[3:])
    invoice = replace(samples.invoice(lines), letter=letter)
    text, = pdf_pages(render_invoice(invoice, samples.profile(), samples.translator("es")))
    shown = [line.split()[0] for line in text.splitlines() if line.strip()]
    assert set(codes) <= set(shown)
