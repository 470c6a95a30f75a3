"""Domain events: facts recorded by aggregates and written to the outbox with their change."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Event:
    topic: str
    payload: dict[str, Any] = field(default_factory=dict)


class EventSource:
    """Mixin for aggregates: `record` facts; the unit of work drains them into the outbox."""

    def record(self, topic: str, **payload: Any) -> None:
        self.__dict__.setdefault("_events", []).append(Event(topic, payload))

    def drain_events(self) -> list[Event]:
        events = self.__dict__.get("_events", [])
        self.__dict__["_events"] = []
        return events
