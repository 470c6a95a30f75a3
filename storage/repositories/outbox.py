"""The outbox: messages and events waiting to be delivered."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import text
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

CLAIM_LOCK = 0x6F7574626F78  # "outbox"
COLUMNS = ("id", "topic", "payload", "created_at", "chat_key", "attempts", "dispatched_at",
           "last_error", "claimed_until")


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

    def locked(self, ids: Collection[int]) -> list[OutboxMessage]:
        return self._locked(outbox.c.id.in_(list(ids)))

    def claim(self, limit: int, topics: Collection[str], now: datetime,
              until: datetime) -> list[OutboxMessage]:
        """The oldest undelivered messages nobody is sending, claimed until `until`, so they
        are sent outside any transaction. A chat with a message claimed by another
        dispatcher gets nothing more (its order holds). Claimers take turns (SQLite's single
        writer; an advisory lock on PostgreSQL), so no two claim one chat at once."""
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CLAIM_LOCK})
        claimed, busy = [], set()
        for message in self.pending(limit, topics):
            chat = message.chat_key  # events of no chat keep no order among themselves
            if message.claimed_at(now) or (chat is not None and chat in busy):
                if chat is not None:
                    busy.add(chat)
                continue
            message.claim(until)
            claimed.append(message)
        return claimed
