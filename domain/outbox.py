"""The outbox: events and outgoing messages written in the transaction that caused them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(eq=False)
class OutboxMessage:
    topic: str
    payload: dict[str, Any]
    created_at: datetime
    chat_key: str | None = None
    attempts: int = 0
    dispatched_at: datetime | None = None
    last_error: str | None = None
    claimed_until: datetime | None = None
    id: int | None = field(default=None)

    def claimed_at(self, now: datetime) -> bool:
        """Another dispatcher is sending it (its claim lapses if that one crashed)."""
        return self.claimed_until is not None and self.claimed_until > now

    def claim(self, until: datetime) -> None:
        self.claimed_until = until

    def mark_dispatched(self, now: datetime) -> None:
        """Sent: an error of an earlier attempt no longer describes it."""
        self.dispatched_at = now
        self.claimed_until = None
        self.last_error = None

    def give_up(self, now: datetime) -> None:
        """Never to be sent: out of the queue, the reason kept in last_error."""
        self.dispatched_at = now

    def mark_failed(self, error: str) -> None:
        self.attempts += 1
        self.last_error = error[:500]
        self.claimed_until = None
