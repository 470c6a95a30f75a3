"""Jobs that turn outbox events into calls to other services (a payment platform), made
with no transaction open, then into messages sent through the outbox.

An event is claimed in one short transaction, worked on outside any, and marked in
another: a crash in between lets the claim lapse and the work is done again, so the work
must be idempotent (the platforms' idempotency keys see to it)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from dialogs.contract import Outgoing
from dialogs.engine import Engine, enqueue
from domain.outbox import OutboxMessage

log = logging.getLogger(__name__)
CLAIM = timedelta(minutes=2)
MAX_ATTEMPTS = 3


@dataclass
class Outcome:
    """The messages the work leads to; with an `error`, it is tried again later, and the
    messages (saying it failed) are sent only once the attempts run out."""

    messages: list[Outgoing] = field(default_factory=list)
    error: str | None = None


def last_attempt(event: OutboxMessage) -> bool:
    return event.attempts + 1 >= MAX_ATTEMPTS


class EventJob:
    def __init__(self, engine: Engine, topic: str,
                 work: Callable[[OutboxMessage], Outcome]) -> None:
        self.engine, self.topic, self.work = engine, topic, work

    def run_once(self, limit: int = 50) -> int:
        with self.engine.uow() as uow:
            now = self.engine.deps.shop.clock.now()
            events = uow.outbox.claim(limit, (self.topic,), now, now + CLAIM)
            uow.commit()
        if not events:
            return 0
        outcomes = {event.id: self._outcome(event) for event in events}
        with self.engine.uow() as uow:
            now = self.engine.deps.shop.clock.now()
            for event in uow.outbox.locked(list(outcomes)):
                outcome = outcomes[event.id]
                if outcome.error is not None:
                    event.mark_failed(outcome.error)
                    if event.attempts < MAX_ATTEMPTS:
                        continue
                event.mark_dispatched(now)
                for message in outcome.messages:
                    enqueue(uow, message, now)
            uow.commit()
        return len(events)

    def _outcome(self, event: OutboxMessage) -> Outcome:
        try:
            return self.work(event)
        except Exception as error:  # a bug or an outage: tried again, then given up
            log.exception("%s event %s failed", self.topic, event.id)
            return Outcome(error=str(error) or type(error).__name__)
