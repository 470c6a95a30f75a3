"""Updates the chat platforms sent, kept from the moment they are acknowledged until they
are handled; and what the platforms say became of our messages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from storage.repositories.base import insert_or_ignore
from storage.schema import delivery_statuses, inbound_updates

MAX_ATTEMPTS = 5
LOOK_AHEAD = 4  # rows read per row claimed: past those other workers are handling
CLAIM_LOCK = 0x696E626F756E64  # "inbound"


@dataclass(frozen=True, slots=True)
class Inbound:
    """An update as it arrives: its source, the key that tells a retry of it, the chat it
    belongs to (None: no order to keep with others) and what the platform sent."""

    channel: str
    key: str
    chat_key: str | None
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class InboundUpdate:
    id: int
    channel: str
    payload: dict[str, Any]
    attempts: int


class SqlInboundUpdates:
    def __init__(self, session: Session) -> None:
        self.session = session

    def keep(self, updates: Sequence[Inbound], now: datetime) -> None:
        """An update already kept under its key (a platform's retry) is not kept twice."""
        if updates:
            self.session.execute(insert_or_ignore(self.session, inbound_updates), [
                {"channel": update.channel, "update_key": update.key,
                 "chat_key": update.chat_key, "payload": update.payload, "received_at": now,
                 "attempts": 0} for update in updates])

    def claim(self, limit: int, now: datetime, until: datetime) -> list[InboundUpdate]:
        """The oldest updates not handled yet, in the order they arrived, claimed until
        `until` (a crash lets the claim lapse). A chat with an update someone else is
        handling gets nothing more meanwhile, so each chat's updates are handled in order
        whichever worker takes them; claimers take turns (SQLite's single writer, an
        advisory lock on PostgreSQL)."""
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CLAIM_LOCK})
        table = inbound_updates.c
        waiting = self.session.execute(
            select(table.id, table.channel, table.chat_key, table.payload, table.attempts,
                   table.claimed_until)
            .where(table.processed_at.is_(None)).order_by(table.id)
            .limit(limit * LOOK_AHEAD)).mappings()
        claimed: list[InboundUpdate] = []
        busy: set[str] = set()
        for row in waiting:
            chat = row["chat_key"]
            taken = row["claimed_until"] is not None and row["claimed_until"] > now
            if taken or (chat is not None and chat in busy):
                if chat is not None:
                    busy.add(chat)
            elif len(claimed) < limit:
                claimed.append(InboundUpdate(row["id"], row["channel"], row["payload"],
                                             row["attempts"]))
        if claimed:
            self.session.execute(update(inbound_updates)
                                 .where(table.id.in_([u.id for u in claimed]))
                                 .values(claimed_until=until))
        return claimed

    def handled(self, ids: Iterable[int], now: datetime) -> None:
        self.session.execute(update(inbound_updates)
                             .where(inbound_updates.c.id.in_(list(ids)))
                             .values(processed_at=now, claimed_until=None))

    def failed(self, update_id: int, error: str, now: datetime) -> None:
        """Tried again later; after MAX_ATTEMPTS it is put aside, the error kept."""
        table = inbound_updates.c
        self.session.execute(
            update(inbound_updates).where(table.id == update_id).values(
                attempts=table.attempts + 1, last_error=error[:500], claimed_until=None))
        self.session.execute(
            update(inbound_updates)
            .where(table.id == update_id, table.attempts >= MAX_ATTEMPTS)
            .values(processed_at=now))

    def waiting(self) -> int:
        return self.session.execute(select(func.count()).where(
            inbound_updates.c.processed_at.is_(None))).scalar_one()


class SqlDeliveryStatuses:
    def __init__(self, session: Session) -> None:
        self.session = session

    def record(self, statuses: Sequence[dict[str, Any]]) -> None:
        """channel, message_id, status, chat_id, at, error: each told once."""
        if statuses:
            self.session.execute(insert_or_ignore(self.session, delivery_statuses),
                                 list(statuses))

    def of_message(self, channel: str, message_id: str) -> list[str]:
        table = delivery_statuses.c
        return list(self.session.execute(
            select(table.status).where(table.channel == channel, table.message_id == message_id)
            .order_by(table.at)).scalars())
