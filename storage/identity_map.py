"""What one unit of work has loaded or added, with the state last written to the database."""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storage.repositories.base import SqlRepository


@dataclass(frozen=True)
class Record:
    """An aggregate as rows: its own row, and the rows of each of its child tables."""

    row: dict[str, Any]
    children: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def copy(self) -> Record:
        """A copy sharing nothing mutable (JSON values are dicts and lists)."""
        return Record({column: _copied(value) for column, value in self.row.items()},
                      {name: [{column: _copied(value) for column, value in row.items()}
                              for row in rows]
                       for name, rows in self.children.items()})


def _copied(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value


@dataclass(eq=False)
class Entry:
    repository: SqlRepository[Any]
    aggregate: Any
    stored: Record | None  # None until the aggregate's row is inserted

    def mark_stored(self, record: Record) -> None:
        # A copy, so later in-place changes (a dict of features) show up as differences.
        self.stored = record.copy()

    def refresh(self, fresh: Any, record: Record) -> None:
        """Take the state just read under lock; events not yet written are kept."""
        self.aggregate.__dict__.update(vars(fresh))
        self.mark_stored(record)


class IdentityMap:
    """One object per row within a unit of work, in the order they were first touched."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, Hashable], Entry] = {}
        self._objects: set[int] = set()
        self._pending: dict[int, list[Entry]] = {}

    def __iter__(self) -> Iterator[Entry]:
        return iter(list(self._entries.values()))

    def get(self, table: str, key: Hashable) -> Entry | None:
        return self._entries.get((table, key))

    def holds(self, aggregate: Any) -> bool:
        return id(aggregate) in self._objects

    def track(self, repository: SqlRepository[Any], key: Hashable, aggregate: Any,
              stored: Record | None) -> Entry:
        entry = Entry(repository, aggregate, None)
        if stored is None:
            self._pending.setdefault(id(repository), []).append(entry)
        else:
            entry.mark_stored(stored)
        self._entries[(repository.mapping.table.name, key)] = entry
        self._objects.add(id(aggregate))
        return entry

    def take_pending(self, repository: SqlRepository[Any]) -> list[Entry]:
        """The entries of `repository` still to insert; the caller inserts them."""
        return self._pending.pop(id(repository), [])

    def flush(self) -> None:
        """Write every change, one repository after another, in first-touched order."""
        groups: dict[int, list[Entry]] = {}
        for entry in self:
            groups.setdefault(id(entry.repository), []).append(entry)
        for entries in groups.values():
            entries[0].repository.write(entries)

    def clear(self) -> None:
        self._entries.clear()
        self._objects.clear()
        self._pending.clear()
