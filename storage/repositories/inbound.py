"""Updates the chat platforms sent, kept from the moment they are acknowledged until they
are handled; and what the platforms say became of our messages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from storage.repositories.base import insert_or_ignore
from storage.schema import delivery_statuses, inbound_updates

MAX_ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class InboundUpdate:
    id: int
    channel: str
    payload: dict[str, Any]
    attempts: int


class SqlInboundUpdates:
    def __init__(self, session: Session) -> None:
        self.session = session

    def keep(self, updates: Sequence[tuple[str, str, dict[str, Any]]], now: datetime) -> None:
        """(channel, key, payload): an update already kept under its key (a platform's
        retry) is not kept twice."""
        if updates:
            self.session.execute(insert_or_ignore(self.session, inbound_updates), [
                {"channel": channel, "update_key": key, "payload": payload,
                 "received_at": now, "attempts": 0}
                for channel, key, payload in updates])

    def claim(self, limit: int, now: datetime, until: datetime) -> list[InboundUpdate]:
        """The oldest updates not handled yet and not being handled by someone else, in the
        order they arrived, claimed until `until` (a crash lets the claim lapse)."""
        table = inbound_updates.c
        query = (select(table.id, table.channel, table.payload, table.attempts)
                 .where(table.processed_at.is_(None),
                        or_(table.claimed_until.is_(None), table.claimed_until <= now))
                 .order_by(table.id).limit(limit).with_for_update(skip_locked=True))
        claimed = [InboundUpdate(**row) for row in self.session.execute(query).mappings()]
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
