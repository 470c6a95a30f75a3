"""What the shop tells customers who asked for it: broadcasts and restock alerts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import InvalidValue

MAX_BROADCAST = 3000


def clean_broadcast(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidValue("a broadcast needs a text")
    if len(text) > MAX_BROADCAST:
        raise InvalidValue(f"a broadcast has at most {MAX_BROADCAST} characters")
    return text


@dataclass(frozen=True, slots=True)
class Broadcast:
    text: str
    author: str
    created_at: datetime
    recipients: int
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Progress:
    """What became of a broadcast's messages: sent, still waiting, given up (blocked)."""

    sent: int
    pending: int
    failed: int


@dataclass(frozen=True, slots=True)
class RestockRequest:
    customer_id: int
    sku: str
    created_at: datetime
    notified_at: datetime | None = None
    id: int | None = None
