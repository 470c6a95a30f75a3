"""The console channel: an interactive terminal chat, and the JSONL scripting interface."""

from __future__ import annotations

import json
import mimetypes
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from bot.dispatcher import OutboxDispatcher
from dialogs.contract import Attachment, Contact, Incoming, Location, Outgoing
from dialogs.engine import Engine

CHANNEL = "console"


def incoming_from(line: dict[str, Any], message_id: str) -> Incoming:
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
        fields[kind] = value
    elif kind == "contact":
        fields["contact"] = Contact(str(value["phone"]), value.get("name"))
    elif kind == "location":
        fields["location"] = Location(float(value["lat"]), float(value["lon"]))
    else:
        fields["attachment"] = _attachment(str(value))
    channel = str(line.get("channel") or CHANNEL)
    return Incoming(channel, sender, sender, message_id, **fields)


def _attachment(path: str) -> Attachment:
    file = Path(path)
    if not file.is_file():
        raise ValueError(f"no such file: {path}")
    mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return Attachment(str(file.resolve()), mime, file.stat().st_size)


def jsonl_out(outgoing: Outgoing) -> dict[str, Any]:
    reply = outgoing.reply
    out: dict[str, Any] = {"to": outgoing.chat_id, "text": reply.text}
    if outgoing.channel != CHANNEL:
        out["channel"] = outgoing.channel
    if reply.buttons:
        out["buttons"] = [{"label": b.label, "payload": b.payload} for b in reply.buttons]
    if reply.document:
        out["file"] = reply.document.path
    if reply.image:
        out["image"] = reply.image
    if reply.request_contact:
        out["request"] = "contact"
    if reply.request_location:
        out["request"] = "location"
    return out


def run_jsonl(engine: Engine, source: TextIO = sys.stdin, sink: TextIO = sys.stdout) -> None:
    session = uuid.uuid4().hex[:8]

    def write(obj: dict[str, Any]) -> None:
        sink.write(json.dumps(obj, ensure_ascii=False) + "\n")
        sink.flush()

    dispatcher = OutboxDispatcher(engine, {channel: lambda o: write(jsonl_out(o))
                                           for channel in ("console", "telegram", "whatsapp")})
    for number, raw in enumerate(source, start=1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
            if not isinstance(line, dict):
                raise ValueError("each line must be a JSON object")
            incoming = incoming_from(line, f"{session}-{number}")
        except json.JSONDecodeError as error:
            write({"error": f"not JSON: {error}", "line": number})
        except (ValueError, KeyError, TypeError) as error:
            write({"error": str(error), "line": number})
        else:
            engine.handle(incoming)
            dispatcher.run_once()
        write({"done": number})


def run_interactive(engine: Engine, me: str, ask: Callable[[str], str] = input,
                    show: Callable[[str], None] = print) -> None:
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
        if outgoing.chat_id == me:
            buttons = [button.payload for button in reply.buttons]
        for number, button in enumerate(reply.buttons, start=1):
            show(f"  [{number}] {button.label}")

    dispatcher = OutboxDispatcher(engine, {channel: print_reply
                                           for channel in ("console", "telegram", "whatsapp")})
    session = uuid.uuid4().hex[:8]
    for number in range(1, sys.maxsize):
        try:
            typed = ask("> ").strip()
        except (EOFError, KeyboardInterrupt):
            show("")
            return
        if not typed:
            continue
        fields = _typed(typed, buttons)
        engine.handle(Incoming(CHANNEL, me, me, f"{session}-{number}", **fields))
        dispatcher.run_once()


def _typed(typed: str, buttons: list[str]) -> dict[str, Any]:
    if typed.isdigit() and 1 <= int(typed) <= len(buttons):
        return {"button": buttons[int(typed) - 1]}
    if typed.startswith("@") and Path(typed[1:]).is_file():
        return {"attachment": _attachment(typed[1:])}
    return {"text": typed}
