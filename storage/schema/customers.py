"""Customers, their delivery addresses and the chat identities they write from."""

from sqlalchemy import CHAR, Boolean, Column, Integer, String, Table, UniqueConstraint

from storage.schema.columns import (
    ADDRESS,
    CHANNEL,
    EXTERNAL_ID,
    child_table,
    metadata,
    timestamp,
)

customers = Table(
    "customers", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False),
    Column("country", CHAR(2), nullable=False),
    Column("language", String(5), nullable=False),
    Column("phone", String(20), index=True),
    Column("email", String(254)),
    Column("tax_id", String(30)),
    Column("marketing_opt_in", Boolean, nullable=False),
    timestamp("created_at", nullable=True),
)

customer_addresses = child_table(
    "customer_addresses", "customer_id", "customers.id",
    Column("text", String(ADDRESS), nullable=False),
)

channel_identities = child_table(
    "channel_identities", "customer_id", "customers.id",
    Column("channel", String(CHANNEL), nullable=False),
    Column("external_id", String(EXTERNAL_ID), nullable=False),
    UniqueConstraint("channel", "external_id"),
)
