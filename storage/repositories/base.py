"""Explicit row ↔ aggregate conversion, shared by every repository.

The domain's classes stay plain: an aggregate is dumped to a `Record` (its row and child
rows) and loaded back from rows. The identity map remembers the record last written, so
`write` updates only what changed. Aggregates with an `id` are inserted when added, so the
id is known at once; those with a natural key (a product's SKU) wait for the next flush or
query and go in batches, which keeps large catalog imports fast.
"""

from __future__ import annotations

import dataclasses
from collections import abc, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar, Generic, TypeVar, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    and_,
    bindparam,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult, RowMapping
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Executable

from domain.money import Money, minor_unit
from storage.identity_map import Entry, IdentityMap, Record

A = TypeVar("A")
T = TypeVar("T")
Children = dict[str, list[RowMapping]]
CHUNK = 900  # stays under SQLite's limit on bound parameters per statement


@dataclass(frozen=True)
class AggregateMapping(Generic[A]):
    """How one aggregate is stored: its table, key, child tables and the two conversions."""

    table: Table
    key: str | tuple[str, ...]  # primary key columns, named like the aggregate's attributes
    dump: Callable[[A], Record]
    load: Callable[[RowMapping, Children], A]
    children: dict[str, Table] = field(default_factory=dict)

    @property
    def key_columns(self) -> tuple[str, ...]:
        return (self.key,) if isinstance(self.key, str) else self.key

    @property
    def generated_key(self) -> bool:
        """An `id` comes from the database; any other key (a SKU) from the aggregate."""
        return self.key == "id"

    def row_key(self, row: abc.Mapping[Any, Any]) -> Hashable:
        """A row's identity: one value, or a tuple for a composite key."""
        return _single_or_tuple(tuple(row[column] for column in self.key_columns))

    def aggregate_key(self, aggregate: Any) -> Hashable:
        return _single_or_tuple(tuple(getattr(aggregate, column) for column in self.key_columns))

    def is_key(self, key: Hashable) -> ColumnElement[bool]:
        values = (key,) if isinstance(self.key, str) else cast(tuple[Any, ...], key)
        return and_(*(self.table.c[column] == value
                      for column, value in zip(self.key_columns, values, strict=True)))

    def is_bound_key(self) -> ColumnElement[bool]:
        """The key taken from parameters named `_key_<column>`, for executemany."""
        return and_(*(self.table.c[column] == bindparam(f"_key_{column}")
                      for column in self.key_columns))


def _single_or_tuple(values: tuple[Any, ...]) -> Hashable:
    return values[0] if len(values) == 1 else values


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def field_names(cls: type) -> frozenset[str]:
    if cls not in _FIELD_NAMES:
        _FIELD_NAMES[cls] = frozenset(f.name for f in dataclasses.fields(cls))
    return _FIELD_NAMES[cls]


def rehydrate(cls: type[T], **state: Any) -> T:
    """Rebuild a stored object without running its constructor's validation again (rules
    may have tightened since it was saved); every dataclass field must be given."""
    expected = field_names(cls)
    if state.keys() != expected:
        missing, unknown = sorted(expected - state.keys()), sorted(state.keys() - expected)
        raise TypeError(f"{cls.__name__}: fields missing {missing}, unknown {unknown}")
    obj = cls.__new__(cls)
    obj.__dict__.update(state)
    return obj


def attributes(obj: Any, names: Iterable[str]) -> dict[str, Any]:
    """The attributes stored as they are, in the columns of the same names."""
    return {name: getattr(obj, name) for name in names}


def values(row: RowMapping, names: Iterable[str]) -> dict[str, Any]:
    return {name: row[name] for name in names}


def money(amount: Decimal, currency: str) -> Money:
    """Money as people write it: cents shown (18450.00) unless it has finer digits."""
    in_minor_units = amount.quantize(minor_unit(currency))
    return Money(in_minor_units if in_minor_units == amount else amount, currency)


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterable[Sequence[T]]:
    return (items[i:i + size] for i in range(0, len(items), size))


def insert_or_ignore(session: Session, table: Table) -> Executable:
    """INSERT … ON CONFLICT DO NOTHING: rows another transaction inserted first are kept
    (on PostgreSQL the insert waits for that transaction to end)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()


class SqlRepository(Generic[A]):
    mapping: ClassVar[AggregateMapping[Any]]

    def __init__(self, session: Session, identity_map: IdentityMap) -> None:
        self.session = session
        self._identity = identity_map

    @property
    def table(self) -> Table:
        return self.mapping.table

    def add(self, aggregate: A) -> None:
        if self._identity.holds(aggregate):
            return
        if self.mapping.generated_key:
            self._insert_for_id(aggregate)
        else:
            self._identity.track(self, self.mapping.aggregate_key(aggregate), aggregate, None)

    def _insert_for_id(self, aggregate: Any) -> None:
        if aggregate.id is not None:
            raise ValueError(f"{aggregate!r} is stored already; load it instead of adding it")
        record = self.mapping.dump(aggregate)
        self._before_write([record])
        row = {column: value for column, value in record.row.items() if column != "id"}
        result = cast(CursorResult[Any], self.session.execute(insert(self.table).values(row)))
        assert result.inserted_primary_key is not None
        aggregate.id = key = result.inserted_primary_key[0]
        stored = Record({**record.row, "id": key}, record.children)
        self._insert_children([(key, stored)])
        self._identity.track(self, key, aggregate, stored)

    def write(self, entries: list[Entry]) -> None:
        """Insert what is new and update what changed since it was last written."""
        inserted = {id(entry) for entry in self._insert_pending()}
        changed: list[tuple[Entry, Record]] = []
        for entry in entries:
            record = self.mapping.dump(entry.aggregate)
            if id(entry) not in inserted and record != entry.stored:
                changed.append((entry, record))
        self._before_write([record for _, record in changed])
        self._update_rows(changed)
        for entry, record in changed:
            self._replace_changed_children(entry, record)
            entry.mark_stored(record)

    def _before_write(self, records: list[Record]) -> None:
        """Hook: make sure what the rows refer to exists (the catalog's categories)."""

    # reading

    def _get(self, key: Hashable) -> A | None:
        entry = self._tracked(key)
        if entry is not None:
            return entry.aggregate  # type: ignore[no-any-return]
        return self._first(self._select(self.mapping.is_key(key)))

    def _first(self, statement: Select[Any]) -> A | None:
        found = self._fetch(statement.limit(1))
        return found[0] if found else None

    def _select(self, *where: Any) -> Select[Any]:
        return select(self.table).where(*where)

    def _locked(self, *where: Any) -> list[A]:
        """SELECT … FOR UPDATE in key order, so two transactions never wait on each other in a
        circle (SQLite ignores the clause: BEGIN IMMEDIATE already serializes writers)."""
        order = [self.table.c[column] for column in self.mapping.key_columns]
        return self._fetch(self._select(*where).order_by(*order).with_for_update(), refresh=True)

    def _lock_one(self, *where: Any) -> A | None:
        found = self._locked(*where)
        return found[0] if found else None

    def _fetch(self, *statements: Select[Any], refresh: bool = False) -> list[A]:
        """Run SELECTs of this table, after writing pending changes so they see them. Rows
        already loaded keep their object, which a locking read refreshes with what it locked."""
        self._identity.flush()
        rows = [row for statement in statements
                for row in self.session.execute(statement).mappings()]
        keys = [self.mapping.row_key(row) for row in rows]
        children = self._load_children([key for key in keys
                                        if refresh or self._tracked(key) is None])
        return [self._materialize(row, key, children[key], refresh)
                for row, key in zip(rows, keys, strict=True)]

    def _tracked(self, key: Hashable) -> Entry | None:
        return self._identity.get(self.table.name, key)

    def _materialize(self, row: RowMapping, key: Hashable, children: Children,
                     refresh: bool) -> A:
        entry = self._tracked(key)
        if entry is not None and not refresh:
            return entry.aggregate  # type: ignore[no-any-return]
        fresh = self.mapping.load(row, children)
        if entry is None:
            self._identity.track(self, key, fresh, self.mapping.dump(fresh))
            return fresh
        entry.refresh(fresh, self.mapping.dump(fresh))
        return entry.aggregate  # type: ignore[no-any-return]

    def _load_children(self, keys: list[Hashable]) -> defaultdict[Hashable, Children]:
        found: defaultdict[Hashable, Children] = defaultdict(
            lambda: {name: [] for name in self.mapping.children})
        for name, child in self.mapping.children.items():
            parent = child.c[child.info["parent"]]
            for some in chunks(keys):
                query = select(child).where(parent.in_(some)).order_by(parent, child.c.position)
                for row in self.session.execute(query).mappings():
                    found[row[parent.name]][name].append(row)
        return found

    # writing

    def _insert_pending(self) -> list[Entry]:
        pending = self._identity.take_pending(self)
        if not pending:
            return []
        records = [(self.mapping.aggregate_key(e.aggregate), self.mapping.dump(e.aggregate))
                   for e in pending]
        self._before_write([record for _, record in records])
        self.session.execute(insert(self.table), [record.row for _, record in records])
        self._insert_children(records)
        for entry, (_, record) in zip(pending, records, strict=True):
            entry.mark_stored(record)
        return pending

    def _insert_children(self, records: list[tuple[Hashable, Record]]) -> None:
        for name, child in self.mapping.children.items():
            rows = [{child.info["parent"]: key, "position": position, **row}
                    for key, record in records
                    for position, row in enumerate(record.children.get(name, []))]
            if rows:
                self.session.execute(insert(child), rows)

    def _update_rows(self, changed: list[tuple[Entry, Record]]) -> None:
        """One executemany per set of changed columns."""
        batches: dict[frozenset[str], list[dict[str, Any]]] = defaultdict(list)
        for entry, record in changed:
            assert entry.stored is not None
            columns = {c: v for c, v in record.row.items() if entry.stored.row.get(c) != v}
            if columns:
                key = {f"_key_{c}": entry.stored.row[c] for c in self.mapping.key_columns}
                batches[frozenset(columns)].append({**key, **columns})
        for params in batches.values():
            statement = update(self.table).where(self.mapping.is_bound_key())
            self.session.execute(statement, params)

    def _replace_changed_children(self, entry: Entry, record: Record) -> None:
        assert entry.stored is not None
        key = self.mapping.row_key(entry.stored.row)
        for name, rows in record.children.items():
            if rows != entry.stored.children.get(name):
                child = self.mapping.children[name]
                self.session.execute(delete(child).where(child.c[child.info["parent"]] == key))
                self._insert_children([(key, Record({}, {name: rows}))])
