"""Where each chat stands: the flow and step it is in, what it has gathered so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(eq=False)
class Conversation:
    channel: str
    chat_id: str
    updated_at: datetime
    flow: str | None = None
    step: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    language: str | None = None

    def go(self, flow: str | None, step: str | None = None) -> None:
        self.flow, self.step = flow, step

    def end_flow(self) -> None:
        self.flow = self.step = None
