"""The catalog CSV format on its own, without a database."""

from __future__ import annotations

import io

from bot.catalog_csv import read_catalog, write_catalog
from domain.catalog import Product
from domain.money import Money

TAXES = {"iva21", "iva105"}


def test_written_products_read_back_the_same_inactive_ones_too():
    written = [
        Product("CAF-1", "Café", Money.of("100.50", "ARS"), "iva21", category="Café/Molido",
                description="Dulce,\n\"balanceado\"", features={"origen": "Colombia"},
                image="https://example.com/c.jpg", stock_on_hand=3),
        Product("TE-1", "Té", Money.of("50", "ARS"), "iva105", active=False),
    ]
    text = io.StringIO()
    write_catalog(written, text)

    read = read_catalog(io.StringIO(text.getvalue()), "ARS", TAXES)

    assert read.errors == []
    fields = ("sku", "name", "price", "tax_category", "category", "description", "features",
              "image", "active", "stock_on_hand")
    assert [[getattr(p, f) for f in fields] for p in read.products] == \
        [[getattr(p, f) for f in fields] for p in written]


def test_a_nul_byte_is_a_bad_row_and_the_next_rows_are_still_read():
    text = ("sku,name,description,category,price,tax_category,stock,features\n"
            "CAF-1,Ca\x00fé,,Café,100.00,iva21,1,\n"
            "CAF-2,,,Café,100.00,iva21,1,\n")

    read = read_catalog(io.StringIO(text), "ARS", TAXES)

    assert [(e.line, "NUL" in e.message) for e in read.errors] == [(2, True), (3, False)]
