"""Payments against orders and the shipments that carry them."""

from sqlalchemy import Column, Integer, String, Table, Text, UniqueConstraint

from storage.schema.columns import (
    ADDRESS,
    SKU,
    amount,
    child_table,
    currency,
    metadata,
    reference,
    status,
    timestamp,
)

payments = Table(
    "payments", metadata,
    Column("id", Integer, primary_key=True),
    reference("order_id", "orders.id"),
    Column("method", String(30), nullable=False),
    amount("amount"),
    currency(),
    timestamp("created_at"),
    status(),
    Column("provider_reference", String(100)),
    Column("receipt_file", String(500)),
    Column("note", Text),
    amount("refunded_amount"),
    timestamp("decided_at", nullable=True),
    # A provider's notification may arrive twice; the second one finds the first payment.
    UniqueConstraint("method", "provider_reference"),
)

shipments = Table(
    "shipments", metadata,
    Column("id", Integer, primary_key=True),
    reference("order_id", "orders.id"),
    Column("address", String(ADDRESS), nullable=False),
    status(),
    Column("carrier", String(100)),
    Column("tracking_number", String(100)),
    timestamp("dispatched_at", nullable=True),
    timestamp("delivered_at", nullable=True),
)

shipment_items = child_table(
    "shipment_items", "shipment_id", "shipments.id",
    Column("sku", String(SKU), nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("checked", Integer, nullable=False),
)
