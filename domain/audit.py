"""The staff audit log: who did what to which object, when, and what it was before and after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One staff action. `before`/`after` are JSON-ready snapshots of what it changed."""

    at: datetime
    channel: str
    actor_id: str
    action: str  # the command or button that did it: "order.approve", "stock.set"…
    subject: str  # the object it changed: "order:12", "product:CAF-GR-COL-500"…
    actor_name: str | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    id: int | None = None
