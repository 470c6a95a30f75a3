"""Quotes, orders and invoices: documents made of frozen lines in the document's currency."""

from sqlalchemy import Column, Integer, String, Table, Text, UniqueConstraint

from storage.schema.columns import (
    ADDRESS,
    NAME,
    SKU,
    STATUS,
    TAX_CATEGORY,
    amount,
    child_table,
    currency,
    metadata,
    reference,
    status,
    timestamp,
)
from storage.types import ExactDecimal


def document_lines(name: str, parent_column: str, target: str) -> Table:
    return child_table(
        name, parent_column, target,
        Column("kind", String(STATUS), nullable=False),
        Column("sku", String(SKU), nullable=False),
        Column("name", String(NAME), nullable=False),
        Column("quantity", Integer, nullable=False),
        amount("unit_price"),
        amount("list_amount"),
        amount("discount"),
        Column("tax_category", String(TAX_CATEGORY), nullable=False),
        Column("tax_rate", ExactDecimal(10, 6), nullable=False),
        amount("net"),
        amount("tax"),
    )


def applied_promotions(name: str, parent_column: str, target: str) -> Table:
    return child_table(
        name, parent_column, target,
        # No foreign key: the document keeps its snapshot even if the promotion goes.
        Column("promotion_id", Integer, nullable=False),
        Column("label", String(NAME), nullable=False),
        amount("amount"),
    )


def party(role: str) -> list[Column]:
    return [
        Column(f"{role}_name", String(NAME), nullable=False),
        Column(f"{role}_tax_id", String(30)),
        Column(f"{role}_address", String(ADDRESS), nullable=False),
        Column(f"{role}_tax_condition", String(100)),
    ]


quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True),
    reference("customer_id", "customers.id"),
    currency(),
    timestamp("created_at"),
    timestamp("valid_until"),
    Column("delivery", String(STATUS), nullable=False),
    Column("promo_code", String(40)),
    status(),
)
quote_lines = document_lines("quote_lines", "quote_id", "quotes.id")
quote_promotions = applied_promotions("quote_promotions", "quote_id", "quotes.id")

orders = Table(
    "orders", metadata,
    Column("id", Integer, primary_key=True),
    reference("customer_id", "customers.id"),
    # One order per quote, so accepting a quote twice cannot sell it twice.
    reference("quote_id", "quotes.id", index=False),
    currency(),
    Column("payment_method", String(30), nullable=False),
    Column("delivery", String(STATUS), nullable=False),
    Column("delivery_address", String(ADDRESS), nullable=False),
    Column("conditions", Text, nullable=False),
    timestamp("placed_at"),
    status(),
    status("payment_state"),
    status("fulfillment"),
    amount("amount_paid"),
    amount("amount_refunded"),
    Column("cancel_reason", String(500)),
    UniqueConstraint("quote_id"),
)
order_lines = document_lines("order_lines", "order_id", "orders.id")
order_promotions = applied_promotions("order_promotions", "order_id", "orders.id")

invoices = Table(
    "invoices", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(STATUS), nullable=False),
    Column("letter", String(2), nullable=False),
    Column("point_of_sale", Integer, nullable=False),
    Column("number", Integer, nullable=False),
    Column("series", String(40), nullable=False),
    reference("order_id", "orders.id"),
    reference("customer_id", "customers.id"),
    *party("seller"),
    *party("buyer"),
    currency(),
    timestamp("issued_at"),
    reference("credited_invoice_id", "invoices.id", nullable=True, index=False),
    Column("reason", Text),
    Column("fiscal_code", String(100)),
    status(),
    UniqueConstraint("series", "number"),
)
invoice_lines = document_lines("invoice_lines", "invoice_id", "invoices.id")

invoice_series = Table(
    "invoice_series", metadata,
    Column("key", String(40), primary_key=True),
    Column("next_number", Integer, nullable=False),
)
