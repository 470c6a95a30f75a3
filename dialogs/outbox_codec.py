"""Outgoing messages as JSON for the outbox, and back."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from dialogs.contract import Button, Document, Outgoing, Reply


def encode(outgoing: Outgoing) -> dict[str, Any]:
    return asdict(outgoing)


def decode(payload: dict[str, Any]) -> Outgoing:
    reply = dict(payload["reply"])
    reply["buttons"] = tuple(Button(**button) for button in reply.get("buttons", ()))
    if reply.get("document"):
        reply["document"] = Document(**reply["document"])
    return Outgoing(payload["channel"], payload["chat_id"], Reply(**reply),
                    dict(payload.get("meta") or {}))
