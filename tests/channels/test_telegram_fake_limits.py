"""The fake Bot API refuses what Telegram refuses, so the adapter's tests can fail."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from tests.channels.fake_telegram import telegram_fixture  # noqa: F401
from tests.channels.telegram_harness import with_bot
from tests.channels.telegram_updates import ANA


def keyboard(data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Ok",
                                                                       callback_data=data)]])


@pytest.mark.parametrize(("text", "markup", "description"), [
    ("x" * 4097, None, "message is too long"),
    ("  \n ", None, "message text is empty"),
    ("hola", keyboard("p" * 65), "BUTTON_DATA_INVALID"),
    ("hola", keyboard("ñ" * 33), "BUTTON_DATA_INVALID"),  # 66 bytes in 33 characters
], ids=["long", "blank", "long payload", "long payload in bytes"])
def test_messages_over_telegram_limits_are_bad_requests(telegram, text, markup, description):
    async def send(bot: Bot) -> None:
        await bot.send_message(ANA.id, text, reply_markup=markup)

    with pytest.raises(TelegramBadRequest, match=description):
        with_bot(telegram, send)
    assert telegram.sent() == []


def test_a_message_at_the_limit_is_accepted(telegram):
    async def send(bot: Bot) -> None:
        await bot.send_message(ANA.id, "x" * 4096, reply_markup=keyboard("p" * 64))

    with_bot(telegram, send)

    [message] = telegram.sent(ANA.id)
    assert len(message["text"]) == 4096


def post_json(url: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(url, json.dumps(body).encode(),
                                     {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_json_bodies_are_read_like_forms(telegram):
    markup = {"inline_keyboard": [[{"text": "Ok", "callback_data": "ok"}]]}

    status, answer = post_json(f"{telegram.url}/bot{telegram.token}/sendMessage",
                               {"chat_id": ANA.id, "text": "hola", "reply_markup": markup})

    assert (status, answer["ok"], answer["result"]["reply_markup"]) == (200, True, markup)
    assert telegram.calls("sendMessage")[0].params["chat_id"] == str(ANA.id)


@pytest.mark.parametrize(("path", "status", "description"), [
    ("/bot123456789:wrong/getMe", 401, "Unauthorized"),
    ("/bot{token}/sendCarrierPigeon", 404, "Not Found"),
])
def test_a_wrong_token_or_method_is_refused_like_telegram(telegram, path, status,
                                                          description):
    url = telegram.url + path.format(token=telegram.token)

    assert post_json(url, {}) == (status, {"ok": False, "error_code": status,
                                           "description": description})
