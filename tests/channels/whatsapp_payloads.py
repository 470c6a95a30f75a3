"""Webhook bodies shaped like the ones Meta POSTs for the Cloud API, and their signature.

Each builder returns the whole body ({"object": "whatsapp_business_account", "entry": …})
for one message or status; `encoded` and `sign` give the raw bytes and the header."""

from __future__ import annotations

import json
import uuid
from typing import Any

from bot.whatsapp.signature import signature_of
from tests.channels.fake_graph import PHONE_NUMBER_ID

WABA_ID = "102290129340398"
DISPLAY_NUMBER = "15550783881"
CUSTOMER = "5491122334455"
CUSTOMER_NAME = "Ana Gómez"
TIMESTAMP = 1717430400  # 2024-06-03 16:00 UTC
APP_SECRET = "8c1f0e9a5d3b47f2a6e4c9d0b1a2f3e4"

Body = dict[str, Any]


def wamid() -> str:
    return f"wamid.HBgN{uuid.uuid4().hex.upper()}"


def encoded(body: object) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def sign(body: bytes, secret: str = APP_SECRET) -> str:
    """The X-Hub-Signature-256 header Meta would send with `body`."""
    return signature_of(secret, body)


def update(value: Body, phone_number_id: str = PHONE_NUMBER_ID) -> Body:
    value = {"messaging_product": "whatsapp",
             "metadata": {"display_phone_number": DISPLAY_NUMBER,
                          "phone_number_id": phone_number_id}, **value}
    return {"object": "whatsapp_business_account",
            "entry": [{"id": WABA_ID, "changes": [{"value": value, "field": "messages"}]}]}


def incoming(kind: str, content: object, sender: str = CUSTOMER,
             message_id: str | None = None, **kwargs: Any) -> Body:
    message = {"from": sender, "id": message_id or wamid(), "timestamp": str(TIMESTAMP),
               "type": kind, kind: content}
    return update({"contacts": [{"profile": {"name": CUSTOMER_NAME}, "wa_id": sender}],
                   "messages": [message]}, **kwargs)


def text(body: str, **kwargs: Any) -> Body:
    return incoming("text", {"body": body}, **kwargs)


def button_reply(button_id: str, title: str, **kwargs: Any) -> Body:
    return incoming("interactive", {"type": "button_reply",
                                    "button_reply": {"id": button_id, "title": title}}, **kwargs)


def list_reply(row_id: str, title: str, description: str = "", **kwargs: Any) -> Body:
    return incoming("interactive", {"type": "list_reply", "list_reply": {
        "id": row_id, "title": title, "description": description}}, **kwargs)


def quick_reply(payload: str, title: str, **kwargs: Any) -> Body:
    """A template's quick-reply button."""
    return incoming("button", {"payload": payload, "text": title}, **kwargs)


def location(latitude: float, longitude: float, **kwargs: Any) -> Body:
    return incoming("location", {"latitude": latitude, "longitude": longitude,
                                 "name": "Obelisco", "address": "Av. 9 de Julio s/n"}, **kwargs)


def contacts(name: str, phone: str, wa_id: str | None = None, **kwargs: Any) -> Body:
    card_phone = {"phone": phone, "type": "CELL", **({"wa_id": wa_id} if wa_id else {})}
    first, _, last = name.partition(" ")
    return incoming("contacts", [{"name": {"formatted_name": name, "first_name": first,
                                           "last_name": last}, "phones": [card_phone]}],
                    **kwargs)


def media(kind: str, media_id: str, mime_type: str, **extra: Any) -> Body:
    """image, document (with filename), audio (with voice), video, sticker."""
    content = {"mime_type": mime_type, "sha256": "Jh+2ij6PzUv/J2y+grrtegr/ZMzRxk=",
               "id": media_id, **extra}
    return incoming(kind, content)


def order(items: list[tuple[str, int, float, str]], note: str = "", **kwargs: Any) -> Body:
    """items: (product_retailer_id, quantity, item_price, currency)."""
    return incoming("order", {"catalog_id": "354160437058781", "text": note, "product_items": [
        {"product_retailer_id": sku, "quantity": quantity, "item_price": price,
         "currency": currency} for sku, quantity, price, currency in items]}, **kwargs)


def reaction(message_id: str, emoji: str = "👍") -> Body:
    return incoming("reaction", {"message_id": message_id, "emoji": emoji})


def unsupported() -> Body:
    body = incoming("unsupported", None)
    message = body["entry"][0]["changes"][0]["value"]["messages"][0]
    del message["unsupported"]
    message["errors"] = [{"code": 131051, "title": "Message type unknown",
                          "message": "Message type unknown",
                          "error_data": {"details": "Message type is currently not supported."}}]
    return body


def status(state: str, message_id: str, recipient: str = CUSTOMER,
           timestamp: int = TIMESTAMP, error: tuple[int, str] | None = None) -> Body:
    """sent, delivered, read, or failed with an (code, title) error."""
    entry: Body = {"id": message_id, "status": state, "timestamp": str(timestamp),
                   "recipient_id": recipient}
    if error:
        code, title = error
        entry["errors"] = [{"code": code, "title": title, "message": title,
                            "error_data": {"details": title},
                            "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/"
                                    "support/error-codes/"}]
    else:
        entry["conversation"] = {"id": uuid.uuid4().hex, "origin": {"type": "service"}}
        entry["pricing"] = {"billable": True, "pricing_model": "CBP", "category": "service"}
    return update({"statuses": [entry]})
