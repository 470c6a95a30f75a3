"""Meta's webhook bodies → the messages and delivery statuses they hold.

A body is trusted only as far as its signature: a field of the wrong shape skips its
message (logged), never the whole update."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from bot.channel import DeliveryStatus, Received
from bot.received import clean_text, location
from dialogs.contract import Attachment, Contact, Incoming, OrderedItem

CHANNEL = "whatsapp"
STATUSES = frozenset({"sent", "delivered", "read", "failed"})
DOWNLOADED = frozenset({"image", "document"})
NOT_DOWNLOADED = frozenset({"audio", "video", "sticker", "voice"})  # the dialogs expect none
MEDIA = DOWNLOADED | NOT_DOWNLOADED
MALFORMED = (KeyError, IndexError, TypeError, ValueError, AttributeError, ArithmeticError,
             OSError)  # OSError: datetime.fromtimestamp of an absurd timestamp
MEDIA_ID = re.compile(r"\w{1,128}", re.ASCII)
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MediaRef:
    """A file a person sent, still on Meta's servers."""

    media_id: str
    mime_type: str
    caption: str | None = None
    filename: str | None = None


Fetch = Callable[[MediaRef], Awaitable[Attachment]]
Fields = dict[str, Any]


def whatsapp_chat_key(body: dict[str, Any]) -> str | None:
    """The sender of the first message in a webhook body (Meta sends one a body), read
    cheaply at acknowledgement so each chat's messages are handled in order; statuses
    belong to no conversation."""
    for value in _message_values(body):
        for message in _listed(value, "messages"):
            if isinstance(message.get("from"), str):
                return f"{CHANNEL}:{message['from']}"
    return None


async def read_update(body: object, phone_number_id: str, fetch: Fetch) -> Received:
    """Messages to our number, in order, and the statuses of what we sent from it."""
    received = Received()
    for value in _values_for(body, phone_number_id):
        for message in _listed(value, "messages"):
            incoming = await _incoming(message, fetch)
            if incoming is not None:
                received.messages.append(incoming)
        for status in _listed(value, "statuses"):
            delivery = _checked(_status, status)
            if delivery is not None:
                received.statuses.append(delivery)
    return received


def _values_for(body: object, phone_number_id: str) -> Iterator[dict[str, Any]]:
    for value in _message_values(body):
        metadata = value.get("metadata")
        number = metadata.get("phone_number_id") if isinstance(metadata, dict) else None
        if str(number) != phone_number_id:
            log.info("ignored an update for phone number id %r", number)
            continue
        yield value


def _message_values(body: object) -> Iterator[dict[str, Any]]:
    """The `value` of every "messages" change of a WhatsApp Business Account body."""
    if not isinstance(body, dict) or body.get("object") != "whatsapp_business_account":
        log.warning("ignored a webhook body that is not a WhatsApp Business Account update")
        return
    for entry in _listed(body, "entry"):
        for change in _listed(entry, "changes"):
            value = change.get("value")
            if change.get("field") == "messages" and isinstance(value, dict):
                yield value


def _listed(parent: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = parent.get(key, [])
    if not isinstance(items, list):
        log.warning("ignored %r: a list was expected", key)
        return []
    return [item for item in items if isinstance(item, dict)]


def _checked(read: Callable[[dict[str, Any]], Any], item: dict[str, Any]) -> Any:
    try:
        return read(item)
    except MALFORMED as error:
        log.warning("skipped a malformed WhatsApp %s %r: %r", read.__name__.strip("_"),
                    item.get("id"), error)
        return None


async def _incoming(message: dict[str, Any], fetch: Fetch) -> Incoming | None:
    read = _checked(_message, message)
    if read is None:
        return None
    sender, message_id, content = read
    if isinstance(content, MediaRef):
        content = {"attachment": await fetch(content)}
    context = message.get("context")  # the message this one answers, when it is a reply
    answered = context.get("id") if isinstance(context, dict) else None
    return Incoming(CHANNEL, sender, sender, message_id, **content,
                    reply_to=answered if isinstance(answered, str) else None)


def _message(message: dict[str, Any]) -> tuple[str, str, Fields | MediaRef] | None:
    kind, sender, message_id = message["type"], _text(message["from"]), _text(message["id"])
    content = _content(kind, message[kind]) if kind in READERS or kind in MEDIA else None
    if content is None:
        log.info("ignored a WhatsApp %r message %s", kind, message_id)
        return None
    return sender, message_id, content


def _content(kind: str, part: Any) -> Fields | MediaRef | None:
    if kind in DOWNLOADED:
        return MediaRef(_media_id(part), _mime(part), _optional(part, "caption"),
                        _optional(part, "filename"))
    if kind in NOT_DOWNLOADED:
        return {"attachment": Attachment(f"whatsapp:{_media_id(part)}", _mime(part),
                                         int(part.get("file_size") or 0))}
    return READERS[kind](part)


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"a non-empty string was expected, not {value!r}")
    return value


def _optional(part: dict[str, Any], key: str) -> str | None:
    return _cleaned(part.get(key))


def _cleaned(value: object) -> str | None:
    return clean_text(value) if isinstance(value, str) and value.strip() else None


def _media_id(part: dict[str, Any]) -> str:
    media_id = _text(part["id"])
    if not MEDIA_ID.fullmatch(media_id):
        raise ValueError(f"not a media id: {media_id!r}")
    return media_id


def _mime(part: dict[str, Any]) -> str:
    mime = part.get("mime_type")
    return mime if isinstance(mime, str) and mime else "application/octet-stream"


def _typed_text(part: dict[str, Any]) -> Fields:
    return {"text": clean_text(_text(part["body"]))}


def _interactive(part: dict[str, Any]) -> Fields | None:
    kind = part["type"]
    if kind not in ("button_reply", "list_reply"):
        log.info("ignored an interactive %r reply", kind)
        return None
    return {"button": _text(part[kind]["id"])}


def _quick_reply(part: dict[str, Any]) -> Fields:
    return {"button": _text(part["payload"])}


def _location(part: dict[str, Any]) -> Fields:
    return {"location": location({"lat": part["latitude"], "lon": part["longitude"]})}


def _contacts(part: list[dict[str, Any]]) -> Fields:
    card = part[0]
    phone = card["phones"][0]
    wa_id = phone.get("wa_id")
    number = f"+{wa_id}" if isinstance(wa_id, str) and wa_id.isdigit() else _text(phone["phone"])
    name = card.get("name", {}).get("formatted_name")
    return {"contact": Contact(number, _cleaned(name))}


def _order(part: dict[str, Any]) -> Fields:
    items = tuple(_ordered_item(item) for item in part["product_items"])
    if not items:
        raise ValueError("an order without items")
    return {"order": items, "text": _optional(part, "text")}


def _ordered_item(item: dict[str, Any]) -> OrderedItem:
    quantity = item["quantity"]
    if isinstance(quantity, bool) or int(quantity) != quantity or int(quantity) < 1:
        raise ValueError(f"not a quantity: {quantity!r}")
    price = item.get("item_price")
    unit_price = None if price is None else Decimal(str(price))
    if unit_price is not None and (not unit_price.is_finite() or unit_price < 0):
        raise ValueError(f"not a price: {price!r}")
    currency = item.get("currency")
    return OrderedItem(_text(item["product_retailer_id"]), int(quantity), unit_price,
                       currency if isinstance(currency, str) and currency else None)


def _status(status: dict[str, Any]) -> DeliveryStatus | None:
    if status["status"] not in STATUSES:
        log.info("ignored a WhatsApp %r status", status["status"])
        return None
    error = None
    if status["status"] == "failed" and status.get("errors"):
        first = status["errors"][0]
        error = f"{first.get('code')} {first.get('title') or first.get('message') or ''}".strip()
    return DeliveryStatus(CHANNEL, _text(status["recipient_id"]), _text(status["id"]),
                          status["status"], datetime.fromtimestamp(int(status["timestamp"]), UTC),
                          error)


READERS: dict[str, Callable[[Any], Fields | None]] = {
    "text": _typed_text, "interactive": _interactive, "button": _quick_reply,
    "location": _location, "contacts": _contacts, "order": _order,
}
