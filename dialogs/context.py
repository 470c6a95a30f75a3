"""Everything a handler needs for one incoming message, and what it answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dialogs.chat_data import ChatData
from dialogs.contract import LANGUAGE, Button, Document, Incoming, Outgoing, Reply
from dialogs.i18n import Translator
from dialogs.ports import BotProfile, DocumentRenderer, FileStore
from domain.conversation import Conversation
from domain.customer import Customer
from domain.ports import UnitOfWork
from domain.services.customers import link_verified_phone
from domain.shop import Shop
from nlu import Parse, Parser


UNKNOWN = object()
PHONE_IS_THE_SENDER = ("whatsapp",)  # the platform identifies people by their number


@dataclass(frozen=True)
class Dependencies:
    """Built once by bot/bootstrap.py; shared by every conversation."""

    shop: Shop
    profile: BotProfile
    parser: Parser
    renderer: DocumentRenderer
    files: FileStore


@dataclass
class Context:
    incoming: Incoming
    conversation: Conversation
    uow: UnitOfWork
    deps: Dependencies
    t: Translator
    data: ChatData
    out: list[Outgoing] = field(default_factory=list)
    renders: list[tuple[str, Callable[[], bytes]]] = field(default_factory=list)
    _customer: Any = UNKNOWN
    _parse: Parse | None = None

    @property
    def shop(self) -> Shop:
        return self.deps.shop

    @property
    def customer(self) -> Customer | None:
        if self._customer is UNKNOWN:  # looked up once, found or not
            incoming = self.incoming
            self._customer = self.uow.customers.by_identity(incoming.channel,
                                                            incoming.sender_id)
            if self._customer is None and incoming.channel in PHONE_IS_THE_SENDER:
                self._customer = link_verified_phone(
                    self.uow, self.shop, channel=incoming.channel,
                    external_id=incoming.sender_id, phone=f"+{incoming.sender_id.lstrip('+')}")
        return self._customer

    @customer.setter
    def customer(self, customer: Customer) -> None:
        self._customer = customer

    @property
    def language(self) -> str:
        return self.t.language

    def parse(self) -> Parse:
        if self._parse is None:
            self._parse = self.deps.parser.parse(self.incoming.text or "")
        return self._parse

    def button(self, key: str, payload: str, **params: object) -> Button:
        return Button(self.t.t(key, **params), payload)

    def say(self, key: str, *buttons: Button, **params: object) -> None:
        self.send(Reply(self.t.t(key, **params), tuple(buttons)))

    def send(self, reply: Reply) -> None:
        self.out.append(Outgoing(self.incoming.channel, self.incoming.chat_id, reply,
                                 {LANGUAGE: self.language}))

    def send_document(self, key: str, filename: str, render: Callable[[], bytes],
                      *buttons: Button, **params: object) -> None:
        """`render` runs after the transaction commits: a PDF takes long enough that it
        must not hold the database meanwhile (the objects it reads are plain snapshots)."""
        path = self.deps.files.reserve(filename)
        self.renders.append((path, render))
        self.send(Reply(self.t.t(key, **params), tuple(buttons),
                        document=Document(filename, "application/pdf", path)))

    def go(self, flow: str, step: str) -> None:
        self.conversation.go(flow, step)

    def end_flow(self) -> None:
        self.conversation.end_flow()
