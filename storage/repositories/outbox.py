"""The outbox: messages and events waiting to be delivered."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy.engine import RowMapping

from domain.outbox import OutboxMessage
from storage.identity_map import Record
from storage.repositories.base import (
    AggregateMapping,
    Children,
    SqlRepository,
    attributes,
    rehydrate,
    values,
)
from storage.schema import outbox

COLUMNS = ("id", "topic", "payload", "created_at", "chat_key", "attempts", "dispatched_at",
           "last_error")


def dump(message: OutboxMessage) -> Record:
    return Record(attributes(message, COLUMNS))


def load(row: RowMapping, _children: Children) -> OutboxMessage:
    return rehydrate(OutboxMessage, **values(row, COLUMNS))


class SqlOutbox(SqlRepository[OutboxMessage]):
    mapping = AggregateMapping(outbox, "id", dump, load)

    def pending(self, limit: int = 100,
                topics: Collection[str] | None = None) -> list[OutboxMessage]:
        """The oldest undelivered messages (of these topics). On PostgreSQL they stay locked
        until the end of the transaction and other dispatchers skip them (SKIP LOCKED)."""
        condition = outbox.c.dispatched_at.is_(None)
        if topics is not None:
            condition = condition & outbox.c.topic.in_(list(topics))
        query = (self._select(condition).order_by(outbox.c.id)
                 .limit(limit).with_for_update(skip_locked=True))
        return self._fetch(query, refresh=True)
