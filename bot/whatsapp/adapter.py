"""The WhatsApp Cloud API channel: webhook updates in, replies out through the Graph API.

Outside the 24 hours after a customer's last message WhatsApp takes only approved
templates; Meta counts messages in and out together against the number's throughput."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from bot.channel import Received, Undeliverable
from bot.config.channels import WhatsApp, WhatsAppTemplate
from bot.received import sniffed_type
from bot.rate_limit import TokenBucket
from bot.whatsapp.graph import GraphApi, GraphError
from bot.whatsapp.media import MediaFetcher
from bot.whatsapp.render import Rendered, render, template
from bot.whatsapp.updates import read_update
from dialogs.contract import Outgoing
from dialogs.ports import FileStore

THROTTLED = frozenset({4, 80007, 130429, 131056})  # app, account, number and pair rate limits
OUR_CREDENTIALS = frozenset({190, 10, 200})  # an expired token, a missing permission: fixable
OUTSIDE_WINDOW = 131047  # "re-engagement message": more than 24 hours since the customer wrote
WINDOW = timedelta(hours=24)
T = TypeVar("T")
log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Backoff:
    """How often a throttled call is tried, waiting base, 2×base, 4×base… in between."""

    tries: int = 4
    base_seconds: float = 1.0


class WhatsAppAdapter:
    name = "whatsapp"

    def __init__(self, phone_number_id: str, access_token: str, files: FileStore,
                 last_inbound: Callable[[str], datetime | None], *,
                 graph_api_base_url: str = "https://graph.facebook.com/v21.0",
                 outside_24h_template: WhatsAppTemplate | None = None,
                 messages_per_second: int = 80, clock: Callable[[], datetime] = utc_now,
                 backoff: Backoff = Backoff()) -> None:
        self.phone_number_id = phone_number_id
        self.graph = GraphApi(graph_api_base_url, phone_number_id, access_token)
        self.fetch = MediaFetcher(self.graph, files)
        self.last_inbound, self.clock, self.backoff = last_inbound, clock, backoff
        self.template = outside_24h_template
        self.throughput = TokenBucket(messages_per_second, messages_per_second)

    @classmethod
    def from_config(cls, config: WhatsApp, files: FileStore,
                    last_inbound: Callable[[str], datetime | None],
                    clock: Callable[[], datetime] = utc_now) -> WhatsAppAdapter:
        if not config.phone_number_id or config.access_token is None:
            raise ValueError("WhatsApp needs phone_number_id and access_token")
        return cls(config.phone_number_id, config.access_token.get_secret_value(), files,
                   last_inbound, graph_api_base_url=config.graph_api_base_url,
                   outside_24h_template=config.outside_24h_template,
                   messages_per_second=config.messages_per_second, clock=clock)

    async def received(self, payload: dict[str, Any]) -> Received:
        received = await read_update(payload, self.phone_number_id, self.fetch)
        for _ in received.messages:
            await self.throughput.acquire()
        return received

    async def send(self, outgoing: Outgoing) -> None:
        try:
            await self._send(outgoing)
        except GraphError as error:
            if error.code in OUR_CREDENTIALS:
                log.error("WhatsApp refuses our credentials (code %s): %s", error.code, error)
                raise  # not the customer's fault: tried again once the token is fixed
            if error.status >= 500 or error.code in THROTTLED:
                raise  # the dispatcher tries again later
            log.warning("WhatsApp refused a message to %s: code %s", outgoing.chat_id,
                        error.code)
            raise Undeliverable(str(error)) from error

    async def close(self) -> None:
        await self.graph.close()

    async def _send(self, outgoing: Outgoing) -> None:
        if not await self._window_open(outgoing.chat_id):
            await self._send_template(outgoing)
            return
        try:
            for part in render(outgoing):
                payload = await self._with_upload(part)
                await self._call(lambda p=payload: self.graph.send_message(p))
        except GraphError as error:
            if error.code != OUTSIDE_WINDOW:
                raise
            log.info("WhatsApp says the window with %s is closed", outgoing.chat_id)
            await self._send_template(outgoing)

    async def _window_open(self, chat_id: str) -> bool:
        last = await asyncio.to_thread(self.last_inbound, chat_id)
        if last is None:
            return False
        return _aware(self.clock()) - _aware(last) < WINDOW

    async def _send_template(self, outgoing: Outgoing) -> None:
        if self.template is None:
            log.warning("no outside_24h_template: a message to %s outside the 24-hour window "
                        "is given up", outgoing.chat_id)
            raise Undeliverable("outside the 24-hour window and no template configured")
        payload = template(outgoing.chat_id, self.template.name, self.template.language,
                           outgoing.reply)
        await self._call(lambda: self.graph.send_message(payload))

    async def _with_upload(self, part: Rendered) -> dict[str, Any]:
        if part.upload is None:
            return part.payload
        file = part.upload
        content = await asyncio.to_thread(Path(file.path).read_bytes)
        mime = file.mime_type or sniffed_type(content)
        media_id = await self._call(
            lambda: self.graph.upload_media(content, file.filename, mime))
        kind = part.payload["type"]
        return {**part.payload, kind: {**part.payload[kind], "id": media_id}}

    async def _call(self, call: Callable[[], Awaitable[T]]) -> T:
        """One POST per throughput token; throttled ones tried again after a while."""
        attempt = 0
        while True:
            await self.throughput.acquire()
            try:
                return await call()
            except GraphError as error:
                attempt += 1
                if error.code not in THROTTLED or attempt >= self.backoff.tries:
                    raise
                delay = self.backoff.base_seconds * 2 ** (attempt - 1)
                log.info("WhatsApp throttled us (code %s); again in %.2f s", error.code, delay)
                await asyncio.sleep(delay)


def _aware(moment: datetime) -> datetime:
    """Naive datetimes are UTC, as the domain stores them."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
