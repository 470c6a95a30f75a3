"""What the shop sends or asks beyond an order: broadcasts, restock alerts, order ratings."""

from sqlalchemy import Column, ForeignKey, Integer, SmallInteger, String, Table, Text

from storage.schema.columns import NAME, SKU, metadata, reference, timestamp
from storage.schema.conversations import BIG_ID

broadcasts = Table(
    "broadcasts", metadata,
    Column("id", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("author", String(NAME), nullable=False),
    timestamp("created_at"),
    Column("recipients", Integer, nullable=False),
)

# One row per message sent: its outbox row tells whether it went, waits or was given up.
broadcast_recipients = Table(
    "broadcast_recipients", metadata,
    Column("broadcast_id", Integer, ForeignKey("broadcasts.id", ondelete="CASCADE"),
           primary_key=True),
    Column("outbox_id", BIG_ID, primary_key=True),
)

restock_requests = Table(
    "restock_requests", metadata,
    Column("id", Integer, primary_key=True),
    reference("customer_id", "customers.id"),
    Column("sku", String(SKU), nullable=False, index=True),
    timestamp("created_at"),
    timestamp("notified_at", nullable=True),
)

order_ratings = Table(
    "order_ratings", metadata,
    Column("order_id", Integer, ForeignKey("orders.id"), primary_key=True),
    reference("customer_id", "customers.id"),
    Column("rating", SmallInteger, nullable=False),
    Column("comment", String(1000)),
    timestamp("rated_at"),
)
