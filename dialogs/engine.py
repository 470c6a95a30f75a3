"""The engine: one incoming message → one transaction → replies in the outbox.

Messages of one chat are handled one at a time, in order; a platform's retry of a message
already handled is dropped. Whatever a handler changed, its replies and the conversation
state commit together. A refusal of the domain rolls the changes back and answers why.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from datetime import datetime

import dialogs.flows  # noqa: F401  (registers every handler)
from dialogs import router
from dialogs.chat_data import ChatData
from dialogs.context import Context, Dependencies
from dialogs.contract import Incoming, Outgoing
from dialogs.i18n import LANGUAGES, Translator, translator
from dialogs.notifications import NOTIFIED_TOPICS, messages_for
from dialogs.outbox_codec import encode
from domain.conversation import Conversation
from domain.errors import DomainError
from domain.outbox import OutboxMessage
from domain.ports import UnitOfWork

log = logging.getLogger(__name__)
MESSAGE_TOPIC = "message"
CATALOG_REFRESH_SECONDS = 60


class Engine:
    def __init__(self, uow: Callable[[], UnitOfWork], deps: Dependencies) -> None:
        self.uow = uow
        self.deps = deps
        self._locks: defaultdict[tuple[str, str], threading.Lock] = defaultdict(threading.Lock)
        self._locks_guard = threading.Lock()
        self._catalog_read_at = float("-inf")

    def _lock(self, incoming: Incoming) -> threading.Lock:
        with self._locks_guard:
            return self._locks[(incoming.channel, incoming.chat_id)]

    def handle(self, incoming: Incoming) -> list[Outgoing]:
        """Handle one message; the replies are already in the outbox when this returns."""
        self._refresh_catalog()
        with self._lock(incoming):
            try:
                return self._turn(incoming, router.route)
            except DomainError as refusal:
                return self._turn(incoming, partial(router.refused, refusal=refusal))
            except Exception:
                log.exception("handling %s:%s message %s failed", incoming.channel,
                              incoming.chat_id, incoming.message_id)
                return self._turn(incoming, router.failed)

    def _turn(self, incoming: Incoming, handler: Callable[[Context], None]) -> list[Outgoing]:
        with self.uow() as uow:
            now = self.deps.shop.clock.now()
            if not uow.conversations.first_seen(incoming.channel, incoming.message_id, now):
                return []
            conversation = uow.conversations.lock(incoming.channel, incoming.chat_id)
            if conversation is None:
                conversation = Conversation(incoming.channel, incoming.chat_id, now)
                uow.conversations.add(conversation)
            ctx = Context(incoming, conversation, uow, self.deps,
                          self.translator(self.language_of(conversation, incoming)),
                          ChatData.from_dict(conversation.data))
            handler(ctx)
            conversation.data = ctx.data.to_dict()
            conversation.updated_at = now
            for outgoing in ctx.out:
                enqueue(uow, outgoing, now)
            uow.commit()
        self._write(ctx.renders)
        return ctx.out

    def _write(self, renders: list[tuple[str, Callable[[], bytes]]]) -> None:
        """Documents are drawn once their messages are committed, not holding the database."""
        for path, render in renders:
            self.deps.files.write(path, render())

    def _refresh_catalog(self) -> None:
        """The NLU matches products of the live catalog: re-read it now and then, since
        imports and staff change it from other processes."""
        moment = time.monotonic()
        if moment - self._catalog_read_at >= CATALOG_REFRESH_SECONDS:
            self._catalog_read_at = moment
            with self.uow() as uow:
                self.deps.parser.set_catalog(uow.catalog.list())

    def notify_pending(self, limit: int = 200) -> None:
        """Turn pending domain events customers hear about into outbox messages."""
        renders: list[tuple[str, Callable[[], bytes]]] = []
        with self.uow() as uow:
            now = self.deps.shop.clock.now()
            for event in uow.outbox.pending(limit, topics=NOTIFIED_TOPICS):
                for outgoing in messages_for(event, uow, self.deps, self.translator, renders):
                    enqueue(uow, outgoing, now)
                event.mark_dispatched(now)
            uow.commit()
        self._write(renders)

    def language_of(self, conversation: Conversation, incoming: Incoming) -> str:
        """Chosen before, else the platform's hint on first contact, else the shop's."""
        if conversation.language not in LANGUAGES:
            hint = (incoming.language_hint or "")[:2].lower()
            conversation.language = hint if hint in LANGUAGES else \
                self.deps.profile.default_language
        return conversation.language

    def translator(self, language: str) -> Translator:
        profile = self.deps.profile
        return translator(language, profile.locale, profile.timezone)


def enqueue(uow: UnitOfWork, outgoing: Outgoing, now: datetime) -> None:
    """A message to be sent once the transaction commits, after the chat's earlier ones."""
    uow.outbox.add(OutboxMessage(MESSAGE_TOPIC, encode(outgoing), now,
                                 chat_key=f"{outgoing.channel}:{outgoing.chat_id}"))
