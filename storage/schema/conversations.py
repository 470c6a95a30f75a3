"""Support tickets, the outbox, and what the channels and dialogs keep between messages."""

from sqlalchemy import JSON, BigInteger, Column, Integer, SmallInteger, String, Table, Text

from storage.schema.columns import (
    CHANNEL,
    EXTERNAL_ID,
    child_table,
    metadata,
    reference,
    status,
    timestamp,
)

tickets = Table(
    "tickets", metadata,
    Column("id", Integer, primary_key=True),
    reference("customer_id", "customers.id"),
    Column("subject", String(200), nullable=False),
    timestamp("created_at"),
    reference("order_id", "orders.id", nullable=True),
    Column("priority", String(10), nullable=False),
    status(),
    Column("assignee", String(100)),
    timestamp("first_response_at", nullable=True),
    timestamp("resolved_at", nullable=True),
    Column("rating", SmallInteger),
    Column("rating_comment", String(1000)),
)

ticket_messages = child_table(
    "ticket_messages", "ticket_id", "tickets.id",
    Column("author", String(20), nullable=False),
    Column("author_id", String(EXTERNAL_ID), nullable=False),
    Column("text", Text, nullable=False),
    timestamp("at"),
)

# SQLite only auto-increments an INTEGER primary key.
BIG_ID = BigInteger().with_variant(Integer(), "sqlite")

outbox = Table(
    "outbox", metadata,
    Column("id", BIG_ID, primary_key=True),
    Column("topic", String(100), nullable=False),
    Column("payload", JSON, nullable=False),
    timestamp("created_at"),
    Column("chat_key", String(200), index=True),
    Column("attempts", Integer, nullable=False),
    timestamp("dispatched_at", nullable=True, index=True),
    Column("last_error", String(500)),
    timestamp("claimed_until", nullable=True),  # a dispatcher is sending it until then
)

processed_updates = Table(
    "processed_updates", metadata,
    Column("channel", String(CHANNEL), primary_key=True),
    Column("message_id", String(EXTERNAL_ID), primary_key=True),
    timestamp("processed_at", index=True),
)

conversations = Table(
    "conversations", metadata,
    Column("channel", String(CHANNEL), primary_key=True),
    Column("chat_id", String(EXTERNAL_ID), primary_key=True),
    Column("flow", String(50)),
    Column("step", String(50)),
    Column("data", JSON, nullable=False),
    Column("language", String(5)),
    timestamp("updated_at"),
)
