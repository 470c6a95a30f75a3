"""The conversation contract between channels and dialogs (DESIGN.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

MAX_PAYLOAD_BYTES = 64  # Telegram's callback_data limit
LANGUAGE = "language"  # Outgoing.meta: the language of the reply, for texts a channel adds


@dataclass(frozen=True, slots=True)
class Contact:
    """A contact card; `verified` when the platform vouches it is the sender's own number
    (Telegram's "share my contact" button), not a card of someone else."""

    phone: str
    name: str | None = None
    verified: bool = True


@dataclass(frozen=True, slots=True)
class Location:
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file the person sent; `file_ref` is where the channel stored it."""

    file_ref: str
    mime_type: str
    size: int = 0
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class OrderedItem:
    """A line of a cart filled on the platform itself (a WhatsApp catalog order);
    the price is the one the platform showed, which ours may not match."""

    sku: str
    quantity: int
    unit_price: Decimal | None = None
    currency: str | None = None


@dataclass(frozen=True, slots=True)
class Incoming:
    channel: str
    chat_id: str
    sender_id: str
    message_id: str
    text: str | None = None
    button: str | None = None
    contact: Contact | None = None
    location: Location | None = None
    attachment: Attachment | None = None
    order: tuple[OrderedItem, ...] = ()
    language_hint: str | None = None
    reply_to: str | None = None  # the platform's id of the message this one answers


@dataclass(frozen=True, slots=True)
class Button:
    """Pressing it sends `payload` back; or, with a `url`, opens that page (a payment link)."""

    label: str
    payload: str = ""
    url: str | None = None

    def __post_init__(self) -> None:
        if not self.payload and not self.url:
            raise ValueError(f"button {self.label!r} needs a payload or a url")
        if len(self.payload.encode()) > MAX_PAYLOAD_BYTES:
            raise ValueError(f"button payload over {MAX_PAYLOAD_BYTES} bytes: {self.payload!r}")


@dataclass(frozen=True, slots=True)
class Document:
    """A file to send; `path` is where the file store keeps it."""

    filename: str
    mime_type: str
    path: str


@dataclass(frozen=True, slots=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = ()
    document: Document | None = None
    image: str | None = None
    request_contact: bool = False
    request_location: bool = False


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A reply addressed to a chat: the sender's, or someone else's (staff, an agent)."""

    channel: str
    chat_id: str
    reply: Reply
    meta: dict[str, str] = field(default_factory=dict)
