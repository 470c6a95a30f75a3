"""The console channel: an interactive terminal chat, and the JSONL scripting interface."""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from bot.dispatcher import OutboxDispatcher
from bot.received import MAX_KEPT_BYTES, clean_text, location, sniffed_type
from dialogs.contract import Attachment, Contact, Incoming, Outgoing
from dialogs.engine import Engine
from dialogs.ports import FileStore

CHANNEL = "console"
CHANNELS = (CHANNEL, "telegram", "whatsapp")  # the console can speak as any of them
DELIVERY_INTERVAL_SECONDS = 3
log = logging.getLogger(__name__)


def incoming_from(line: dict[str, Any], message_id: str, files: FileStore) -> Incoming:
    """One JSONL input object → Incoming; ValueError says what is wrong with it."""
    sender = line.get("from")
    if not isinstance(sender, str) or not sender.strip():
        raise ValueError('"from" must be a non-empty string')
    kinds = [key for key in ("text", "button", "contact", "location", "file") if key in line]
    if len(kinds) != 1:
        raise ValueError('exactly one of "text", "button", "contact", "location", "file"')
    fields: dict[str, Any] = {}
    kind, value = kinds[0], line[kinds[0]]
    if kind in ("text", "button"):
        if not isinstance(value, str):
            raise ValueError(f'"{kind}" must be a string')
        fields[kind] = clean_text(value)
    elif kind == "contact":
        if not isinstance(value, dict) or not isinstance(value.get("phone"), str):
            raise ValueError('"contact" must be {"phone": "...", "name": "..."}')
        fields["contact"] = Contact(value["phone"], clean_text(value.get("name") or "") or None)
    elif kind == "location":
        fields["location"] = location(value)
    else:
        fields["attachment"] = received_file(str(value), files)
    channel = str(line.get("channel") or CHANNEL)
    if channel not in CHANNELS:
        raise ValueError(f'"channel" must be one of {", ".join(CHANNELS)}')
    answered = line.get("reply_to")  # the message it answers, as an agent's reply does
    if answered is not None and not isinstance(answered, str):
        raise ValueError('"reply_to" must be a string')
    return Incoming(channel, sender, sender, message_id, **fields, reply_to=answered)


def received_file(path: str, files: FileStore) -> Attachment:
    """The file as a platform would hand it over: a copy kept by the shop, its type told
    by its first bytes (a renamed program is not a PDF)."""
    file = Path(path)
    if not file.is_file():
        raise ValueError(f"no such file: {path}")
    size = file.stat().st_size
    if size > MAX_KEPT_BYTES:  # refused by whoever expects it; not worth a copy
        return Attachment(str(file.resolve()), "application/octet-stream", size)
    content = file.read_bytes()
    return Attachment(files.save(file.name, content), sniffed_type(content), size)


def jsonl_out(outgoing: Outgoing) -> dict[str, Any]:
    reply = outgoing.reply
    out: dict[str, Any] = {"to": outgoing.chat_id, "text": reply.text}
    if outgoing.channel != CHANNEL:
        out["channel"] = outgoing.channel
    if reply.buttons:
        out["buttons"] = [{"label": b.label, "url": b.url} if b.url else
                          {"label": b.label, "payload": b.payload} for b in reply.buttons]
    if reply.document:
        out["file"] = reply.document.path
    if reply.image:
        out["image"] = reply.image
    if reply.request_contact:
        out["request"] = "contact"
    if reply.request_location:
        out["request"] = "location"
    return out


def run_jsonl(engine: Engine, source: TextIO = sys.stdin, sink: TextIO = sys.stdout,
              jobs: Sequence[Callable[[], int]] = ()) -> None:
    session = uuid.uuid4().hex[:8]

    def write(obj: dict[str, Any]) -> None:
        sink.write(json.dumps(obj, ensure_ascii=False) + "\n")
        sink.flush()

    dispatcher = OutboxDispatcher(engine, dict.fromkeys(CHANNELS, lambda o: write(jsonl_out(o))),
                                  jobs=jobs)
    for number, raw in enumerate(source, start=1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
            if not isinstance(line, dict):
                raise ValueError("each line must be a JSON object")
            incoming = incoming_from(line, f"{session}-{number}", engine.deps.files)
        except json.JSONDecodeError as error:
            write({"error": f"not JSON: {error}", "line": number})
        except (ValueError, KeyError, TypeError) as error:
            write({"error": str(error), "line": number})
        else:
            engine.handle(incoming)
            dispatcher.run_once()
        write({"done": number})
    dispatcher.run_once()  # what others caused meanwhile (an approval, an agent's answer)


def run_interactive(engine: Engine, me: str, ask: Callable[[str], str] = input,
                    show: Callable[[str], None] = print,
                    jobs: Sequence[Callable[[], int]] = ()) -> None:
    """Type to chat; a button's number presses it; Ctrl-D leaves."""
    buttons: list[str] = []

    def print_reply(outgoing: Outgoing) -> None:
        nonlocal buttons
        reply = outgoing.reply
        prefix = "" if outgoing.chat_id == me else f"[→ {outgoing.chat_id}] "
        show(f"{prefix}{reply.text}")
        if reply.image:
            show(f"  🖼 {reply.image}")
        if reply.document:
            show(f"  📎 {reply.document.path}")
        pressable = [button for button in reply.buttons if not button.url]
        if outgoing.chat_id == me:
            buttons = [button.payload for button in pressable]
        for number, button in enumerate(pressable, start=1):
            show(f"  [{number}] {button.label}")
        for button in reply.buttons:
            if button.url:
                show(f"  🔗 {button.label}: {button.url}")

    dispatcher = OutboxDispatcher(engine, dict.fromkeys(CHANNELS, print_reply), jobs=jobs)
    session = uuid.uuid4().hex[:8]
    threading.Thread(target=_keep_delivering, args=(dispatcher,), daemon=True).start()
    for number in range(1, sys.maxsize):
        try:
            typed = ask("> ").strip()
        except (EOFError, KeyboardInterrupt):
            show("")
            return
        if not typed:
            continue
        fields = _typed(typed, buttons, engine.deps.files)
        engine.handle(Incoming(CHANNEL, me, me, f"{session}-{number}", **fields))
        dispatcher.run_once()


def _typed(typed: str, buttons: list[str], files: FileStore) -> dict[str, Any]:
    if typed.isdigit() and 1 <= int(typed) <= len(buttons):
        return {"button": buttons[int(typed) - 1]}
    if typed.startswith("@") and Path(typed[1:]).is_file():
        return {"attachment": received_file(typed[1:], files)}
    return {"text": typed}


def _keep_delivering(dispatcher: OutboxDispatcher) -> None:
    """Messages caused elsewhere (staff approving an order in another process) arrive
    without waiting for the customer to write."""
    while True:
        time.sleep(DELIVERY_INTERVAL_SECONDS)
        try:
            dispatcher.run_once()
        except Exception:  # the chat goes on; the next round tries again
            log.exception("delivering outbox messages failed")
