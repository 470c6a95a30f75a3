"""The outbox dispatcher: turns domain events into messages and delivers messages, in order.

At least once: a message is marked delivered in the transaction that sent it, so a crash
in between sends it again. On PostgreSQL several dispatchers share the work
(FOR UPDATE SKIP LOCKED)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from dialogs.contract import Outgoing
from dialogs.engine import MESSAGE_TOPIC, Engine
from dialogs.outbox_codec import decode

log = logging.getLogger(__name__)
Sender = Callable[[Outgoing], None]
MAX_ATTEMPTS = 5


class OutboxDispatcher:
    def __init__(self, engine: Engine, senders: dict[str, Sender]) -> None:
        self.engine = engine
        self.senders = senders

    def run_once(self, limit: int = 200) -> int:
        self.engine.notify_pending(limit)
        return self._deliver(limit)

    def _deliver(self, limit: int) -> int:
        """A chat whose message failed gets nothing more this round (its order holds);
        a message no channel can send, or that failed MAX_ATTEMPTS times, is given up."""
        delivered, stalled = 0, set()
        with self.engine.uow() as uow:
            now = self.engine.deps.shop.clock.now()
            for message in uow.outbox.pending(limit, topics=(MESSAGE_TOPIC,)):
                if message.chat_key in stalled:
                    continue
                outgoing = without_lost_document(decode(message.payload))
                sender = self.senders.get(outgoing.channel)
                try:
                    if sender is None:
                        raise LookupError(f"no channel {outgoing.channel!r} to send through")
                    sender(outgoing)
                except Exception as error:  # the platform said no: try again later
                    log.warning("sending outbox message %s failed: %s", message.id, error)
                    message.mark_failed(str(error))
                    if sender is None or message.attempts >= MAX_ATTEMPTS:
                        message.give_up(now)
                    stalled.add(message.chat_key)
                    continue
                message.mark_dispatched(now)
                delivered += 1
            uow.commit()
        return delivered



def without_lost_document(outgoing: Outgoing) -> Outgoing:
    """A document is written just after its message commits; a crash in between loses
    the file, not the message."""
    document = outgoing.reply.document
    if document is None or Path(document.path).is_file():
        return outgoing
    log.warning("document %s was never written; sending the text alone", document.path)
    return replace(outgoing, reply=replace(outgoing.reply, document=None))
