"""What staff did: the audit log of every staff action."""

from sqlalchemy import JSON, Column, String, Table

from storage.schema.columns import CHANNEL, EXTERNAL_ID, NAME, metadata, timestamp
from storage.schema.conversations import BIG_ID

staff_audit = Table(
    "staff_audit", metadata,
    Column("id", BIG_ID, primary_key=True),
    timestamp("at", index=True),
    Column("channel", String(CHANNEL), nullable=False),
    Column("actor_id", String(EXTERNAL_ID), nullable=False),
    Column("actor_name", String(NAME)),
    Column("action", String(40), nullable=False),
    Column("subject", String(100), nullable=False, index=True),
    Column("before", JSON),
    Column("after", JSON),
)
