"""The metadata every table belongs to, and the column shapes tables share."""

from __future__ import annotations

from typing import Any

from sqlalchemy import CHAR, Column, ForeignKey, Integer, MetaData, String, Table
from sqlalchemy.schema import SchemaItem
from sqlalchemy.types import TypeEngine

from storage.types import ExactDecimal, UtcDateTime

# Deterministic constraint names, so migrations can find them again (and SQLite batch mode).
metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

SKU = 64
NAME = 200
CATEGORY = 200
TAX_CATEGORY = 20
STATUS = 20
ADDRESS = 300
CHANNEL = 20
EXTERNAL_ID = 128


def amount(name: str, nullable: bool = False) -> Column:
    return Column(name, ExactDecimal(18, 4), nullable=nullable)


def currency(name: str = "currency") -> Column:
    return Column(name, CHAR(3), nullable=False)


def timestamp(name: str, nullable: bool = False, index: bool = False) -> Column:
    return Column(name, UtcDateTime(), nullable=nullable, index=index)


def status(name: str = "status") -> Column:
    return Column(name, String(STATUS), nullable=False)


def reference(name: str, target: str, nullable: bool = False, index: bool = True) -> Column:
    return Column(name, Integer, ForeignKey(target), nullable=nullable, index=index)


def child_table(name: str, parent_column: str, target: str, *columns: SchemaItem,
                key_type: TypeEngine[Any] | None = None) -> Table:
    """An ordered list belonging to one aggregate: (parent, position) is the key.

    `info["parent"]` names the column pointing at the aggregate, for the repositories."""
    return Table(
        name, metadata,
        Column(parent_column, key_type if key_type is not None else Integer(),
               ForeignKey(target, ondelete="CASCADE"), primary_key=True),
        Column("position", Integer, primary_key=True, autoincrement=False),
        *columns,
        info={"parent": parent_column},
    )
