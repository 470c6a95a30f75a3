"""The outbox dispatcher: turns domain events into messages and delivers messages, in order.

At least once: messages are claimed in one short transaction, sent outside any (a slow
platform never holds the database), and marked in another; a crash in between lets the
claim lapse and the messages are sent again. Several dispatchers share the work, a chat
at a time each."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import timedelta
from itertools import groupby
from pathlib import Path

from bot.channel import Undeliverable
from dialogs.contract import Outgoing
from dialogs.engine import MESSAGE_TOPIC, Engine
from dialogs.outbox_codec import decode
from domain.outbox import OutboxMessage

log = logging.getLogger(__name__)
Sender = Callable[[Outgoing], None]
MAX_ATTEMPTS = 5
CLAIM = timedelta(minutes=5)  # longer than any send with its retries takes


class OutboxDispatcher:
    """`parallel_chats` chats are sent to at once (each in order); 1 keeps one global order,
    as the console shows it. `jobs` turn events into messages by calling other services
    first (a payment link)."""

    def __init__(self, engine: Engine, senders: dict[str, Sender], parallel_chats: int = 1,
                 jobs: Sequence[Callable[[], int]] = ()) -> None:
        self.engine = engine
        self.senders = senders
        self.jobs = jobs
        self._pool = ThreadPoolExecutor(parallel_chats) if parallel_chats > 1 else None

    def run_once(self, limit: int = 200) -> int:
        for job in self.jobs:
            try:
                job()
            except Exception:  # the job's events wait for the next round
                log.exception("outbox job %s failed", job)
        self.engine.notify_pending(limit)
        return self._deliver(limit)

    def _deliver(self, limit: int) -> int:
        with self.engine.uow() as uow:
            now = self.engine.deps.shop.clock.now()
            claimed = uow.outbox.claim(limit, (MESSAGE_TOPIC,), now, now + CLAIM)
            uow.commit()
        if not claimed:
            return 0
        chats = [list(messages) for _, messages in
                 groupby(sorted(claimed, key=lambda m: (m.chat_key or "", m.id or 0)),
                         key=lambda m: m.chat_key)]
        runs = self._pool.map(self._send_chat, chats) if self._pool else map(self._send_chat,
                                                                               chats)
        outcomes = {message_id: error for run in runs for message_id, error in run.items()}
        return self._record(outcomes)

    def _send_chat(self, messages: list[OutboxMessage]) -> dict[int, Exception | None]:
        """A chat's messages in order, up to the first that fails (the rest wait their turn)."""
        outcomes: dict[int, Exception | None] = {}
        for message in messages:
            outgoing = without_lost_document(decode(message.payload))
            sender = self.senders.get(outgoing.channel)
            try:
                if sender is None:
                    raise Undeliverable(f"no channel {outgoing.channel!r} to send through")
                sender(outgoing)
            except Exception as error:  # the platform said no: try again later
                log.warning("sending outbox message %s failed: %s", message.id, error)
                outcomes[message.id or 0] = error
                break
            outcomes[message.id or 0] = None
        return outcomes

    def _record(self, outcomes: dict[int, Exception | None]) -> int:
        """Sent, failed, or given up (never deliverable, or failed MAX_ATTEMPTS times); the
        messages claimed but not tried lose their claim and go in the next round."""
        with self.engine.uow() as uow:
            now = self.engine.deps.shop.clock.now()
            for message in uow.outbox.locked(outcomes):
                error = outcomes[message.id or 0]
                if error is None:
                    message.mark_dispatched(now)
                    continue
                message.mark_failed(str(error))
                if isinstance(error, Undeliverable) or message.attempts >= MAX_ATTEMPTS:
                    message.give_up(now)
            uow.commit()
        return sum(error is None for error in outcomes.values())


def without_lost_document(outgoing: Outgoing) -> Outgoing:
    """A document is written just after its message commits; a crash in between loses
    the file, not the message."""
    document = outgoing.reply.document
    if document is None or Path(document.path).is_file():
        return outgoing
    log.warning("document %s was never written; sending the text alone", document.path)
    return replace(outgoing, reply=replace(outgoing.reply, document=None))
