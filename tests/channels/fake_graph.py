"""A WhatsApp Cloud API (Graph API) on 127.0.0.1 for tests.

It checks what Meta checks — the bearer token, the phone number id in the path, and the
limits of each message type — and answers, accepted or refused, with Meta's shapes. It runs
in a thread of its own, so tests drive it with plain calls."""

from __future__ import annotations

import asyncio
import hashlib
import threading
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import web

from bot.chat_wiring import DirectoryFileStore
from bot.config.channels import WhatsAppTemplate
from bot.rate_limit import TokenBucket
from bot.whatsapp.adapter import Backoff, WhatsAppAdapter

VERSION = "v21.0"
ACCESS_TOKEN = "EAAG-test-token"
PHONE_NUMBER_ID = "106540352242922"
TEMPLATE = "order_update"
SERVER_ERRORS = {1: 500, 2: 503, 131000: 500, 131016: 503}
T = TypeVar("T")


class Refused(Exception):
    """A request Meta would refuse: the code and words of its answer."""

    def __init__(self, code: int, title: str, details: str = "", status: int = 400,
                 subcode: int | None = None) -> None:
        super().__init__(f"({code}) {title}: {details}")
        self.code, self.title, self.details = code, title, details
        self.status, self.subcode = status, subcode

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"message": f"(#{self.code}) {self.title}",
                                 "type": "OAuthException", "code": self.code,
                                 "fbtrace_id": "A" + uuid.uuid4().hex[:22]}
        if self.details:
            error["error_data"] = {"messaging_product": "whatsapp", "details": self.details}
        if self.subcode is not None:
            error["error_subcode"] = self.subcode
        return {"error": error}


def _length(text: str) -> int:
    """UTF-16 units: the stricter reading of Meta's "characters"."""
    return len(text.encode("utf-16-le")) // 2


def _invalid(details: str) -> Refused:
    return Refused(131009, "Parameter value is not valid", details)


def _text_within(value: object, limit: int, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Refused(131008, "Required parameter is missing", f"{what} is required")
    if _length(value) > limit:
        raise _invalid(f"{what} length invalid. Min length: 1, Max length: {limit}")
    return value


def _distinct(values: list[str], what: str) -> None:
    if len(set(values)) != len(values):
        raise _invalid(f"{what} must be unique")


@dataclass
class MessageRules:
    """The checks of POST /{phone-number-id}/messages, on the parsed JSON body."""

    media_ids: Callable[[], set[str]]
    templates: set[str]
    TYPES = ("text", "interactive", "image", "document", "template")

    def check(self, payload: object) -> None:
        try:
            self._check(payload)
        except (AttributeError, TypeError) as error:  # a part of the wrong shape
            raise Refused(100, "Invalid parameter", str(error)) from None

    def _check(self, payload: object) -> None:
        if not isinstance(payload, dict) or payload.get("messaging_product") != "whatsapp":
            raise Refused(100, "Invalid parameter", "The parameter messaging_product is required")
        if payload.get("recipient_type", "individual") != "individual":
            raise Refused(100, "Invalid parameter", "recipient_type must be individual")
        to = payload.get("to")
        if not isinstance(to, str) or not to.isdigit():
            raise Refused(100, "Invalid parameter", "The parameter to is required")
        kind = payload.get("type", "text")
        check = getattr(self, f"_{kind}", None) if kind in self.TYPES else None
        if check is None:
            raise Refused(100, "Invalid parameter",
                          f"Param type must be one of {{{', '.join(self.TYPES)}}}")
        if not isinstance(payload.get(kind), dict):
            raise Refused(131008, "Required parameter is missing", f"{kind} is required")
        check(payload[kind])

    def _text(self, text: dict[str, Any]) -> None:
        _text_within(text.get("body"), 4096, "text.body")

    def _interactive(self, interactive: dict[str, Any]) -> None:
        kind = interactive.get("type")
        if kind not in ("button", "list", "location_request_message", "cta_url"):
            raise _invalid(f"interactive.type {kind!r} is not supported")
        _text_within((interactive.get("body") or {}).get("text"), 1024, "body.text")
        action = interactive.get("action")
        if not isinstance(action, dict):
            raise Refused(131008, "Required parameter is missing", "action is required")
        if kind == "button":
            self._buttons(action.get("buttons"))
        elif kind == "cta_url":
            self._call_to_action(action)
        elif kind == "list":
            self._list(action)
        elif action != {"name": "send_location"}:
            raise _invalid("action.name must be send_location")

    def _buttons(self, buttons: object) -> None:
        if not isinstance(buttons, list) or not 1 <= len(buttons) <= 3:
            raise _invalid("buttons: min 1, max 3")
        ids, titles = [], []
        for button in buttons:
            reply = button.get("reply")
            if button.get("type") != "reply" or not isinstance(reply, dict):
                raise _invalid("button type must be reply")
            ids.append(_text_within(reply.get("id"), 256, "Button id"))
            titles.append(_text_within(reply.get("title"), 20, "Button title"))
        _distinct(ids, "Button id")
        _distinct(titles, "Button title")

    def _call_to_action(self, action: dict[str, Any]) -> None:
        parameters = action.get("parameters")
        if action.get("name") != "cta_url" or not isinstance(parameters, dict):
            raise _invalid("action.name must be cta_url, with parameters")
        _text_within(parameters.get("display_text"), 20, "display_text")
        url = _text_within(parameters.get("url"), 2000, "url")
        if not url.startswith(("https://", "http://")):
            raise _invalid("url must be an http(s) URL")

    def _list(self, action: dict[str, Any]) -> None:
        _text_within(action.get("button"), 20, "action.button")
        sections = action.get("sections")
        if not isinstance(sections, list) or not 1 <= len(sections) <= 10:
            raise _invalid("sections: min 1, max 10")
        rows = [row for section in sections for row in section.get("rows") or []]
        if not 1 <= len(rows) <= 10:
            raise _invalid("Total row count exceed max allowed count: 10")
        for section in sections if len(sections) > 1 else []:
            _text_within(section.get("title"), 24, "section.title")
        for row in rows:
            _text_within(row.get("id"), 200, "Row id")
            _text_within(row.get("title"), 24, "Row title")
            if "description" in row:
                _text_within(row["description"], 72, "Row description")
        _distinct([row["id"] for row in rows], "Row id")

    def _image(self, image: dict[str, Any]) -> None:
        self._media(image)

    def _document(self, document: dict[str, Any]) -> None:
        self._media(document)
        if "filename" in document and not isinstance(document["filename"], str):
            raise _invalid("document.filename must be a string")

    def _media(self, media: dict[str, Any]) -> None:
        if ("id" in media) == ("link" in media):
            raise Refused(131008, "Required parameter is missing", "one of id or link")
        if "id" in media and media["id"] not in self.media_ids():
            raise _invalid(f"media id {media['id']!r} was never uploaded")
        if "link" in media and not str(media["link"]).startswith(("https://", "http://")):
            raise _invalid("link must be an http(s) URL")
        if "caption" in media:
            _text_within(media["caption"], 1024, "caption")

    def _template(self, template: dict[str, Any]) -> None:
        if template.get("name") not in self.templates:
            raise Refused(132001, "Template name does not exist in the translation",
                          f"template name ({template.get('name')}) does not exist")
        if not isinstance((template.get("language") or {}).get("code"), str):
            raise Refused(131008, "Required parameter is missing", "language.code")
        for component in template.get("components") or []:
            for parameter in component.get("parameters") or []:
                text = _text_within(parameter.get("text"), 1024, "Param text")
                if "\n" in text or "\t" in text or "     " in text:
                    raise Refused(132018, "There was an issue with the parameters in your "
                                  "template", "Param text cannot have new-line/tab characters"
                                  " or more than 4 consecutive spaces")


@dataclass(frozen=True)
class Media:
    content: bytes
    mime_type: str
    filename: str = ""
    declared_size: int | None = None


class FakeGraph:
    def __init__(self, token: str = ACCESS_TOKEN,
                 phone_number_id: str = PHONE_NUMBER_ID) -> None:
        self.token, self.phone_number_id = token, phone_number_id
        self._lock = threading.Lock()
        self._media: dict[str, Media] = {}
        self._sent: list[dict[str, Any]] = []
        self._refused: list[tuple[object, int]] = []
        self._failures: list[Refused] = []
        self._downloads: list[str] = []
        self.rules = MessageRules(lambda: set(self._media), {TEMPLATE})
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    # -- the test's side ---------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"{self.root}/{VERSION}"

    def sent(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._sent)

    def refused(self) -> list[tuple[object, int]]:
        with self._lock:
            return list(self._refused)

    def downloads(self) -> list[str]:
        with self._lock:
            return list(self._downloads)

    def media(self, media_id: str) -> Media:
        with self._lock:
            return self._media[media_id]

    def add_media(self, media_id: str, content: bytes, mime_type: str,
                  declared_size: int | None = None) -> None:
        with self._lock:
            self._media[media_id] = Media(content, mime_type, declared_size=declared_size)

    def fail_next(self, code: int, times: int = 1, status: int | None = None) -> None:
        """The next `times` sends are answered with this Graph error code."""
        failure = Refused(code, "Simulated failure", f"error {code}",
                          status or SERVER_ERRORS.get(code, 400))
        with self._lock:
            self._failures.extend([failure] * times)

    def __enter__(self) -> FakeGraph:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the fake Graph API did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    # -- the server's side -------------------------------------------------------------
    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application(middlewares=[self._graph_errors])
        app.add_routes([
            web.post(f"/{VERSION}/{{node}}/messages", self._messages),
            web.post(f"/{VERSION}/{{node}}/media", self._upload),
            web.get(f"/{VERSION}/{{node}}", self._media_info),
            web.get("/whatsapp_business/attachments/", self._download),
        ])
        runner = web.AppRunner(app)
        self._loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.root = "http://127.0.0.1:{}".format(runner.addresses[0][1])
        self._ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(runner.cleanup())
        self._loop.close()

    @web.middleware
    async def _graph_errors(self, request: web.Request, handler: Any) -> web.StreamResponse:
        try:
            if request.headers.get("Authorization") != f"Bearer {self.token}":
                raise Refused(190, "Invalid OAuth access token - Cannot parse access token",
                              status=401)
            return await handler(request)
        except Refused as refusal:
            return web.json_response(refusal.body(), status=refusal.status)

    def _our_number(self, request: web.Request) -> None:
        if request.match_info["node"] != self.phone_number_id:
            raise Refused(100, "Unsupported post request", "Object with ID "
                          f"'{request.match_info['node']}' does not exist", subcode=33)

    async def _messages(self, request: web.Request) -> web.Response:
        self._our_number(request)
        try:
            payload = await request.json()
        except ValueError:
            raise Refused(100, "Invalid parameter", "the body is not JSON") from None
        with self._lock:
            failure = self._failures.pop(0) if self._failures else None
        try:
            if failure:
                raise failure
            self.rules.check(payload)
        except Refused as refusal:
            with self._lock:
                self._refused.append((payload, refusal.code))
            raise
        with self._lock:
            self._sent.append(payload)
        answer: dict[str, Any] = {"id": f"wamid.HBgN{uuid.uuid4().hex.upper()}"}
        if payload.get("type") == "template":
            answer["message_status"] = "accepted"
        return web.json_response({"messaging_product": "whatsapp",
                                  "contacts": [{"input": payload["to"], "wa_id": payload["to"]}],
                                  "messages": [answer]})

    async def _upload(self, request: web.Request) -> web.Response:
        self._our_number(request)
        form = await request.post()
        file = form.get("file")
        if form.get("messaging_product") != "whatsapp" or not form.get("type") \
                or not isinstance(file, web.FileField):
            raise Refused(100, "Invalid parameter", "messaging_product, type and file")
        media_id = str(uuid.uuid4().int)[:16]
        with self._lock:
            self._media[media_id] = Media(file.file.read(), str(form["type"]), file.filename)
        return web.json_response({"id": media_id})

    async def _media_info(self, request: web.Request) -> web.Response:
        media_id = request.match_info["node"]
        with self._lock:
            media = self._media.get(media_id)
        if media is None:
            raise Refused(100, "Unsupported get request", f"Object with ID '{media_id}' "
                          "does not exist", subcode=33)
        size = media.declared_size if media.declared_size is not None else len(media.content)
        return web.json_response({
            "messaging_product": "whatsapp", "id": media_id, "mime_type": media.mime_type,
            "url": f"{self.root}/whatsapp_business/attachments/?mid={media_id}&ext=1",
            "sha256": hashlib.sha256(media.content).hexdigest(), "file_size": str(size)})

    async def _download(self, request: web.Request) -> web.Response:
        media_id = request.query.get("mid", "")
        with self._lock:
            media = self._media.get(media_id)
            self._downloads.append(media_id)
        if media is None:
            raise web.HTTPNotFound()
        return web.Response(body=media.content, content_type=media.mime_type.split(";")[0])


def running_fake() -> Iterator[FakeGraph]:
    """For `pytest.fixture(running_fake)`."""
    with FakeGraph() as fake:
        yield fake


def adapter_for(fake: FakeGraph, files_root: Path, **kwargs: Any) -> WhatsAppAdapter:
    """A WhatsApp adapter pointed at `fake`, keeping files under `files_root`; the customer
    wrote a minute ago unless `last_inbound` says otherwise. Make it inside the loop that
    uses it."""
    kwargs.setdefault("last_inbound", lambda chat_id: datetime.now(UTC) - timedelta(minutes=1))
    kwargs.setdefault("backoff", Backoff(tries=4, base_seconds=0.001))
    kwargs.setdefault("outside_24h_template", WhatsAppTemplate(name=TEMPLATE, language="es_AR"))
    token = kwargs.pop("access_token", fake.token)
    return WhatsAppAdapter(fake.phone_number_id, token, DirectoryFileStore(files_root),
                           graph_api_base_url=fake.url, **kwargs)


def with_adapter(fake: FakeGraph, files_root: Path,
                 use: Callable[[WhatsAppAdapter], Awaitable[T]], **kwargs: Any) -> T:
    """`use(adapter)` run in a loop of its own, the adapter closed afterwards."""
    async def scenario() -> T:
        adapter = adapter_for(fake, files_root, **kwargs)
        try:
            return await use(adapter)
        finally:
            await adapter.close()
    return asyncio.run(scenario())


class CountingBucket(TokenBucket):
    """A throughput bucket that never makes anyone wait, and counts the tokens taken."""

    def __init__(self) -> None:
        super().__init__(1000, 1000)
        self.taken = 0

    async def acquire(self) -> None:
        self.taken += 1
        await super().acquire()
