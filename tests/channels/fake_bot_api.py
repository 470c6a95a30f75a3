"""The Bot API as the fake serves it: requests read, limits with Telegram's own error
descriptions, objects shaped like the real ones."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

from aiohttp import web

TEXT_LIMIT = 4096  # characters (code points), as measured against the real API
CAPTION_LIMIT = 1024
CALLBACK_DATA_BYTES = (1, 64)
INLINE_ACTIONS = ("callback_data", "url", "switch_inline_query",
                  "switch_inline_query_current_chat", "callback_game", "pay", "login_url",
                  "web_app", "copy_text")
JSON_PARAMS = ("reply_markup", "allowed_updates", "entities", "caption_entities",
               "link_preview_options", "reply_parameters")
INT_PARAMS = ("offset", "limit", "timeout", "message_thread_id")


class Refused(Exception):
    """The API's answer to a call it does not carry out."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.code,
                                "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(problem: str) -> Refused:
    return Refused(400, f"Bad Request: {problem}")


def normalized(params: dict[str, Any]) -> dict[str, Any]:
    """Form fields arrive as strings, JSON ones serialized: read them as a JSON body would."""
    params = dict(params)
    for key in JSON_PARAMS:
        if isinstance(params.get(key), str):
            try:
                params[key] = json.loads(params[key])
            except ValueError:
                raise bad_request(f"can't parse {key} JSON object") from None
    for key in INT_PARAMS:
        if isinstance(params.get(key), str):
            params[key] = int(params[key])
    if "chat_id" in params:
        params["chat_id"] = str(params["chat_id"])
    return params


def check_text(text: object) -> None:
    if not isinstance(text, str) or not text.strip():
        raise bad_request("message text is empty")
    if len(text) > TEXT_LIMIT:
        raise bad_request("message is too long")


def check_caption(caption: object) -> None:
    if caption is not None and len(str(caption)) > CAPTION_LIMIT:
        raise bad_request("message caption is too long")


def check_markup(markup: object) -> None:
    if markup is None:
        return
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        for button in _buttons(markup["inline_keyboard"], "inline_keyboard"):
            _check_inline_button(button)
    elif "keyboard" in markup:
        for button in _buttons(markup["keyboard"], "keyboard"):
            if isinstance(button, dict) and not isinstance(button.get("text"), str):
                raise bad_request("can't parse keyboard button: Field \"text\" must be of type "
                                  "String")
    elif not markup.get("remove_keyboard") and not markup.get("force_reply"):
        raise bad_request("can't parse reply keyboard markup JSON object")


def _buttons(rows: object, field: str) -> list[Any]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f'field "{field}" must be an Array of Arrays')
    return [button for row in rows for button in row]


def _check_inline_button(button: object) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request("can't parse inline keyboard button: Field \"text\" must be of type "
                          "String")
    actions = [action for action in INLINE_ACTIONS if action in button]
    if len(actions) != 1:
        raise bad_request("can't parse inline keyboard button: Text buttons are unallowed in "
                          "the inline keyboard")
    if "callback_data" in button:
        size = len(str(button["callback_data"]).encode())
        if not CALLBACK_DATA_BYTES[0] <= size <= CALLBACK_DATA_BYTES[1]:
            raise bad_request("BUTTON_DATA_INVALID")


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes


@dataclass
class Call:
    """One request: what was asked, and the result or the error description answered."""

    method: str
    params: dict[str, Any]
    uploads: dict[str, Upload]
    result: Any = None
    error: str | None = None

    def upload(self, param: str) -> Upload:
        """The file sent as `param` (aiogram names it attach://<part>)."""
        return self.uploads[str(self.params[param]).removeprefix("attach://")]


async def read(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    params: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if request.content_type == "application/json":
        params.update(await request.json())
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                uploads[key] = Upload(value.filename, value.file.read())
            else:
                params[key] = value
    return params, uploads


def kind_of(update: dict[str, Any]) -> str:
    return next((key for key in update if key != "update_id"), "")


def chats_in(update: dict[str, Any]) -> list[dict[str, Any]]:
    body = update.get(kind_of(update))
    if not isinstance(body, dict):
        return []
    message = body.get("message") if kind_of(update) == "callback_query" else body
    chat = message.get("chat") if isinstance(message, dict) else None
    return [chat] if isinstance(chat, dict) else []


def file_ids() -> dict[str, str]:
    return {"file_id": f"BQACAgEAAxkDAAI{secrets.token_urlsafe(24)}",
            "file_unique_id": f"AgAD{secrets.token_hex(5)}"}
