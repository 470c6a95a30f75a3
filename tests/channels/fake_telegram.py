"""A Telegram Bot API server on 127.0.0.1 for tests, in a thread with its own event loop.

It answers `/bot{token}/{method}` and `/file/bot{token}/{path}` as api.telegram.org does
for what orderbot uses: the token is checked, parameters are read from a query, JSON, a
form or multipart (files), limits are enforced with Telegram's error descriptions, and
results are shaped like the real objects. Every call is recorded. Tests drive it from
their own thread: `push_update`, `add_file`, `throttle`, `block`, `calls`, `sent`.
"""

from __future__ import annotations

import asyncio
import itertools
import mimetypes
import secrets
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web

from tests.channels.fake_bot_api import (
    Call,
    Refused,
    bad_request,
    chats_in,
    check_caption,
    check_markup,
    check_text,
    file_ids,
    kind_of,
    normalized,
    read,
)

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
DOWNLOAD_LIMIT = 20 * 1024 * 1024
LONG_POLL_LIMIT = 50  # seconds; Telegram does not hold a request longer
SEND_METHODS = ("sendmessage", "senddocument", "sendphoto")
UPDATE_KINDS = ("message", "edited_message", "channel_post", "edited_channel_post",
                "inline_query", "chosen_inline_result", "callback_query", "my_chat_member",
                "chat_member", "chat_join_request", "message_reaction", "poll")
DEFAULT_UPDATES = {kind for kind in UPDATE_KINDS if kind not in ("chat_member",
                                                                 "message_reaction")}
Handler = Callable[[Call], Awaitable[Any]]


@dataclass
class _Files:
    content: dict[str, bytes] = field(default_factory=dict)  # by file_path
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)


class FakeTelegram:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.bot_user = {"id": int(token.split(":")[0]), "is_bot": True,
                         "first_name": "Orderbot", "username": "orderbot_test_bot"}
        self.webhook_url = ""
        self._lock = threading.Lock()
        self._calls: list[Call] = []
        self._updates: list[dict[str, Any]] = []
        self._allowed = set(DEFAULT_UPDATES)
        self._chats: dict[str, dict[str, Any]] = {}
        self._open_queries: set[str] = set()
        self._files = _Files()
        self._blocked: set[str] = set()
        self._gone: set[str] = set()
        self._throttled: tuple[int, int] = (0, 0)  # calls left, retry_after
        self._message_ids: dict[str, Iterator[int]] = {}
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._wakeup: asyncio.Event | None = None
        self._closing = False

    # -- lifecycle ------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    def start(self) -> FakeTelegram:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=10)
        return self

    def stop(self) -> None:
        self._closing = True
        self._wake()
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what a test tells it ---------------------------------------------------------
    def push_update(self, update: dict[str, Any]) -> None:
        """An update for getUpdates; its chat and callback query become known."""
        with self._lock:
            self._updates.append(update)
            for chat in chats_in(update):
                self._chats[str(chat["id"])] = chat
            if "callback_query" in update:
                self._open_queries.add(update["callback_query"]["id"])
        self._wake()

    def add_file(self, file_id: str, content: bytes = b"", size: int | None = None,
                 file_path: str | None = None) -> None:
        """A file getFile and the download URL serve; `size` over 20 MB is refused."""
        path = file_path or f"documents/file_{len(self._files.by_id)}"
        with self._lock:
            self._files.content[path] = content
            self._files.by_id[file_id] = {
                "file_id": file_id, "file_unique_id": f"AQAD{secrets.token_hex(6)}",
                "file_size": len(content) if size is None else size, "file_path": path}

    def throttle(self, times: int, retry_after: int = 1) -> None:
        """The next `times` send calls answer 429 Too Many Requests."""
        with self._lock:
            self._throttled = (times, retry_after)

    def block(self, chat_id: int | str) -> None:
        """The person blocked the bot: sending to them is Forbidden."""
        with self._lock:
            self._blocked.add(str(chat_id))

    def forget(self, chat_id: int | str) -> None:
        """A chat Telegram does not know (deleted account, wrong id)."""
        with self._lock:
            self._gone.add(str(chat_id))

    # -- what a test reads -------------------------------------------------------------
    def calls(self, method: str | None = None) -> list[Call]:
        with self._lock:
            return [c for c in self._calls if method is None or c.method.lower() ==
                    method.lower()]

    def sent(self, chat_id: int | str | None = None) -> list[dict[str, Any]]:
        """The messages sent (the Message objects answered), in order; a call still being
        answered is not one yet."""
        return [call.result for call in self.calls()
                if call.method.lower() in SEND_METHODS and call.result is not None
                and (chat_id is None or call.params.get("chat_id") == str(chat_id))]

    def pending_updates(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._updates)

    # -- the server ---------------------------------------------------------------------
    async def _serve(self) -> None:
        self._wakeup = asyncio.Event()
        app = web.Application(client_max_size=50 * 1024 * 1024)  # the Bot API upload limit
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, shutdown_timeout=1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = self._runner.addresses[0][1]

    def _wake(self) -> None:
        if self._wakeup is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wakeup.set)

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(Refused(401, "Unauthorized").body(), status=401)
        handler = self._handlers().get(request.match_info["method"].lower())
        if handler is None:
            return web.json_response(Refused(404, "Not Found").body(), status=404)
        params, uploads = await read(request)
        call = Call(request.match_info["method"], params, uploads)
        with self._lock:
            self._calls.append(call)
        try:
            call.params = normalized(params)
            call.result = await handler(call)
        except Refused as refusal:
            call.error = refusal.description
            return web.json_response(refusal.body(), status=refusal.code)
        return web.json_response({"ok": True, "result": call.result})

    async def _download(self, request: web.Request) -> web.Response:
        content = self._files.content.get(request.match_info["path"])
        if request.match_info["token"] != self.token or content is None:
            return web.json_response(Refused(404, "Not Found").body(), status=404)
        return web.Response(body=content, content_type="application/octet-stream")

    def _handlers(self) -> dict[str, Handler]:
        return {"getme": self._get_me, "getupdates": self._get_updates,
                "setwebhook": self._set_webhook, "deletewebhook": self._delete_webhook,
                "sendmessage": self._send_message, "senddocument": self._send_document,
                "sendphoto": self._send_photo, "answercallbackquery": self._answer_callback,
                "getfile": self._get_file}

    # -- methods --------------------------------------------------------------------------
    async def _get_me(self, call: Call) -> dict[str, Any]:
        return {**self.bot_user, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}

    async def _set_webhook(self, call: Call) -> bool:
        if not call.params.get("url"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook_url = call.params["url"]
        return True

    async def _delete_webhook(self, call: Call) -> bool:
        self.webhook_url = ""
        if str(call.params.get("drop_pending_updates")).lower() == "true":
            with self._lock:
                self._updates.clear()
        return True

    async def _get_updates(self, call: Call) -> list[dict[str, Any]]:
        if self.webhook_url:
            raise Refused(409, "Conflict: can't use getUpdates method while webhook is active; "
                               "use deleteWebhook to delete the webhook first")
        if call.params.get("allowed_updates"):
            self._allowed = set(call.params["allowed_updates"])
        offset, limit = call.params.get("offset", 0), call.params.get("limit", 100)
        deadline = time.monotonic() + min(call.params.get("timeout", 0), LONG_POLL_LIMIT)
        assert self._wakeup is not None
        while True:
            self._wakeup.clear()
            batch = self._deliverable(offset)[:limit]
            remaining = deadline - time.monotonic()
            if batch or remaining <= 0 or self._closing:
                return batch
            with suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), remaining)

    def _deliverable(self, offset: int) -> list[dict[str, Any]]:
        """Updates before `offset` are confirmed and forgotten, as are kinds not asked for."""
        with self._lock:
            self._updates = [u for u in self._updates if u["update_id"] >= offset
                             and kind_of(u) in self._allowed]
            return list(self._updates)

    async def _send_message(self, call: Call) -> dict[str, Any]:
        self._check_chat(call)
        check_text(call.params.get("text"))
        check_markup(call.params.get("reply_markup"))
        return self._message(call, text=call.params["text"])

    async def _send_document(self, call: Call) -> dict[str, Any]:
        self._check_chat(call)
        name, size = self._file_sent(call, "document")
        check_caption(call.params.get("caption"))
        check_markup(call.params.get("reply_markup"))
        document = {**file_ids(), "file_name": name, "file_size": size,
                    "mime_type": mimetypes.guess_type(name)[0] or "application/octet-stream"}
        return self._message(call, document=document)

    async def _send_photo(self, call: Call) -> dict[str, Any]:
        self._check_chat(call)
        _, size = self._file_sent(call, "photo")
        check_caption(call.params.get("caption"))
        check_markup(call.params.get("reply_markup"))
        sizes = [{**file_ids(), "file_size": size * side // 1280, "width": side,
                  "height": side * 3 // 4} for side in (90, 320, 800, 1280)]
        return self._message(call, photo=sizes)

    async def _answer_callback(self, call: Call) -> bool:
        with self._lock:
            if call.params.get("callback_query_id") not in self._open_queries:
                raise bad_request("query is too old and response timeout expired or query ID "
                                  "is invalid")
            self._open_queries.discard(call.params["callback_query_id"])
        return True

    async def _get_file(self, call: Call) -> dict[str, Any]:
        found = self._files.by_id.get(str(call.params.get("file_id")))
        if found is None:
            raise bad_request("invalid file_id")
        if found["file_size"] > DOWNLOAD_LIMIT:
            raise bad_request("file is too big")
        return found

    # -- helpers ----------------------------------------------------------------------------
    def _check_chat(self, call: Call) -> None:
        chat_id = call.params.get("chat_id")
        with self._lock:
            left, retry_after = self._throttled
            if left > 0:
                self._throttled = (left - 1, retry_after)
                raise Refused(429, f"Too Many Requests: retry after {retry_after}", retry_after)
            if not chat_id:
                raise bad_request("chat_id is empty")
            if chat_id in self._gone:
                raise bad_request("chat not found")
            if chat_id in self._blocked:
                raise Refused(403, "Forbidden: bot was blocked by the user")

    def _file_sent(self, call: Call, param: str) -> tuple[str, int]:
        """The name and size of the file sent: uploaded, or named by URL or file_id."""
        value = call.params.get(param)
        if not value:
            raise bad_request(f"there is no {param} in the request")
        if str(value).startswith("attach://"):
            upload = call.upload(param)
            return upload.filename, len(upload.content)
        return str(value).rsplit("/", 1)[-1], 48_213

    def _message(self, call: Call, **content: Any) -> dict[str, Any]:
        chat_id = call.params["chat_id"]
        with self._lock:
            numbers = self._message_ids.setdefault(chat_id, itertools.count(1001))
            chat = self._chats.get(chat_id, {"id": int(chat_id), "type": "private"})
        message = {"message_id": next(numbers), "from": self.bot_user, "chat": chat,
                   "date": int(time.time()), **content}
        if "caption" in call.params:
            message["caption"] = call.params["caption"]
        markup = call.params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup  # Telegram echoes inline keyboards only
        return message


@pytest.fixture(name="telegram")
def telegram_fixture() -> Iterator[FakeTelegram]:
    """A started fake Bot API server, stopped after the test."""
    with FakeTelegram() as fake:
        yield fake
