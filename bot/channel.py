"""What every chat platform adapter offers the web server, the ingestion worker and the
outbox dispatcher. Adapters live in bot/telegram and bot/whatsapp."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from dialogs.contract import Incoming, Outgoing


class Undeliverable(Exception):
    """The platform will never take this message (the person blocked the bot, the number
    is not on WhatsApp…): it is given up at once instead of retried."""


class Unauthentic(Exception):
    """A webhook request whose secret or signature does not check out."""


@dataclass(frozen=True, slots=True)
class DeliveryStatus:
    """What the platform says became of a message we sent (WhatsApp: sent, delivered,
    read, failed), or of the chat itself (Telegram: the person blocked the bot)."""

    channel: str
    chat_id: str
    message_id: str
    status: str
    at: datetime
    error: str | None = None


@dataclass
class Received:
    """What one stored webhook update or polled update turned out to contain."""

    messages: list[Incoming] = field(default_factory=list)
    statuses: list[DeliveryStatus] = field(default_factory=list)


class UpdateReader(Protocol):
    """Whoever reads the updates one source sends us (a chat platform, a payment platform)."""

    name: str

    async def received(self, payload: dict[str, Any]) -> Received:
        """The messages and statuses of one update as stored at ingestion. Files are
        fetched from the platform here, after the update was acknowledged."""


class ChannelAdapter(UpdateReader, Protocol):

    async def send(self, outgoing: Outgoing) -> None:
        """Deliver one reply; raise Undeliverable when retrying cannot help, any other
        exception when it may (the dispatcher retries later)."""
