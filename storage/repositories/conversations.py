"""Where each chat stands, and which incoming updates were already handled."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, select
from sqlalchemy.engine import RowMapping

from domain.conversation import Conversation
from storage.identity_map import Record
from storage.repositories.base import (
    AggregateMapping,
    Children,
    SqlRepository,
    attributes,
    insert_or_ignore,
    rehydrate,
    values,
)
from storage.schema import conversations, processed_updates

COLUMNS = ("channel", "chat_id", "updated_at", "flow", "step", "data", "language")


def dump(conversation: Conversation) -> Record:
    return Record(attributes(conversation, COLUMNS))


def load(row: RowMapping, _children: Children) -> Conversation:
    return rehydrate(Conversation, **values(row, COLUMNS))


class SqlConversationRepository(SqlRepository[Conversation]):
    mapping = AggregateMapping(conversations, ("channel", "chat_id"), dump, load)

    def lock(self, channel: str, chat_id: str) -> Conversation | None:
        """The chat's conversation, locked for update, or None on first contact."""
        return self._lock_one(self.mapping.is_key((channel, str(chat_id))))

    def last_message_at(self, channel: str, chat_id: str) -> datetime | None:
        """When the person last wrote in this chat (a conversation moves only when they do)."""
        return self.session.execute(select(conversations.c.updated_at).where(
            self.mapping.is_key((channel, str(chat_id))))).scalar_one_or_none()

    def first_seen(self, channel: str, message_id: str, at: datetime) -> bool:
        """Record an incoming update; False when it was handled before (a platform retry).
        A concurrent transaction recording the same update makes this one wait for its end."""
        row = {"channel": channel, "message_id": str(message_id), "processed_at": at}
        statement = insert_or_ignore(self.session, processed_updates)
        result = self.session.execute(statement.execution_options(preserve_rowcount=True), row)
        return cast(CursorResult[Any], result).rowcount == 1
