"""The outbox: messages and events waiting to be delivered."""

from __future__ import annotations

from sqlalchemy.engine import RowMapping

from domain.outbox import OutboxMessage
from storage.identity_map import Record
from storage.repositories.base import (
    Children, Mapping, SqlRepository, attributes, rehydrate, values,
)
from storage.schema import outbox

COLUMNS = ("id", "topic", "payload", "created_at", "chat_key", "attempts", "dispatched_at",
           "last_error")


def dump(message: OutboxMessage) -> Record:
    return Record(attributes(message, COLUMNS))


def load(row: RowMapping, _children: Children) -> OutboxMessage:
    return rehydrate(OutboxMessage, **values(row, COLUMNS))


class SqlOutbox(SqlRepository[OutboxMessage]):
    mapping = Mapping(outbox, "id", dump, load)

    def pending(self, limit: int = 100) -> list[OutboxMessage]:
        """The oldest undelivered messages. On PostgreSQL they stay locked until the end of
        the transaction and other dispatchers skip them (FOR UPDATE SKIP LOCKED)."""
        query = (self._select(outbox.c.dispatched_at.is_(None)).order_by(outbox.c.id)
                 .limit(limit).with_for_update(skip_locked=True))
        return self._fetch(query, refresh=True)
