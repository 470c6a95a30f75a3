"""What the chat platforms send us: updates kept from acknowledgement until handled, and
what became of the messages we sent."""

from sqlalchemy import JSON, Column, Integer, String, Table, UniqueConstraint

from storage.schema.columns import CHANNEL, EXTERNAL_ID, metadata, timestamp
from storage.schema.conversations import BIG_ID

inbound_updates = Table(
    "inbound_updates", metadata,
    Column("id", BIG_ID, primary_key=True),
    Column("channel", String(CHANNEL), nullable=False),
    Column("update_key", String(EXTERNAL_ID), nullable=False),
    Column("chat_key", String(200)),  # whose updates are handled in order, one at a time
    Column("payload", JSON, nullable=False),
    timestamp("received_at"),
    timestamp("claimed_until", nullable=True),
    timestamp("processed_at", nullable=True, index=True),
    Column("attempts", Integer, nullable=False),
    Column("last_error", String(500)),
    UniqueConstraint("channel", "update_key"),
)

delivery_statuses = Table(
    "delivery_statuses", metadata,
    Column("channel", String(CHANNEL), primary_key=True),
    Column("message_id", String(EXTERNAL_ID), primary_key=True),
    Column("status", String(20), primary_key=True),
    Column("chat_id", String(EXTERNAL_ID), nullable=False, index=True),
    timestamp("at"),
    Column("error", String(500)),
)
