"""A chat with the real engine on a real database: send messages, read the replies."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from bot.bootstrap import DEMO_CONFIG, App, build
from bot.chat_wiring import build_engine
from bot.console import CHANNEL, incoming_from
from bot.dispatcher import OutboxDispatcher
from dialogs.contract import Outgoing
from dialogs.engine import Engine
from storage.demo import load_demo


class Chat:
    """Drives the engine like the console channel does, one message at a time."""

    def __init__(self, app: App, files: Path) -> None:
        self.app = app
        self.files = files
        self.engine: Engine = build_engine(app, {"ORDERBOT_FILES": str(files)})
        self.sent: list[Outgoing] = []
        self.dispatcher = OutboxDispatcher(
            self.engine, {channel: self.sent.append for channel in (CHANNEL, "telegram",
                                                                     "whatsapp")})

    def restart(self) -> None:
        """A new process: a new engine on the same database and files."""
        self.__init__(self.app, self.files)

    def send(self, who: str, **line: Any) -> list[Outgoing]:
        """One JSONL-style input ({"text": …} / {"button": …} / {"file": …} …); every
        message it caused, to anyone."""
        incoming = incoming_from({"from": who, **line}, uuid.uuid4().hex,
                                 self.engine.deps.files)
        return self.deliver(incoming)

    def deliver(self, incoming) -> list[Outgoing]:
        before = len(self.sent)
        self.engine.handle(incoming)
        self.dispatcher.run_once()
        return self.sent[before:]

    def say(self, who: str, text: str) -> list[Outgoing]:
        return self.send(who, text=text)

    def press(self, who: str, payload: str) -> list[Outgoing]:
        return self.send(who, button=payload)

    def texts(self, who: str, replies: list[Outgoing]) -> str:
        return "\n".join(o.reply.text for o in replies if o.chat_id == who)

    def buttons(self, replies: list[Outgoing]) -> dict[str, str]:
        """label → payload of every button in these replies."""
        return {b.label: b.payload for o in replies for b in o.reply.buttons}

    def uow(self):
        return self.app.uow()


@pytest.fixture
def chat(database_url: str, tmp_path: Path) -> Chat:
    app = build(DEMO_CONFIG, {"DATABASE_URL": database_url})
    with app.uow() as uow:
        load_demo(uow, app.shop.currency, app.shop.taxes.rates)
        uow.commit()
    return Chat(app, tmp_path / "files")
