"""A Reply → the Bot API calls that show it, in order.

A message carries one keyboard: buttons make an inline keyboard on the last message; a
request for the person's number or location is a reply keyboard, on a message of its own
when the inline keyboard took the last one.
"""

from __future__ import annotations

from typing import Any

from aiogram.methods import SendDocument, SendMessage, SendPhoto
from aiogram.methods.base import TelegramMethod
from aiogram.types import (
    FSInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
)

from bot.telegram.text_chunks import CAPTION_LIMIT, chunks, units
from dialogs.contract import Button, Reply
from dialogs.i18n import Translator

Draft = tuple[type[TelegramMethod[Message]], dict[str, Any]]


def render(chat_id: str, reply: Reply, t: Translator) -> list[TelegramMethod[Message]]:
    drafts = _media(reply)
    text = reply.text.strip()
    if drafts and 0 < units(text) <= CAPTION_LIMIT:
        drafts[-1][1]["caption"] = text
    else:
        drafts[:0] = [(SendMessage, {"text": piece}) for piece in chunks(text)]
    share = _share_keyboard(reply, t)
    if not drafts and (reply.buttons or share):  # a keyboard needs a message to hang on
        drafts.append((SendMessage, {"text": t.t("channels.choose")}))
    if reply.buttons:
        drafts[-1][1]["reply_markup"] = _inline_keyboard(reply.buttons)
    if share and reply.buttons:
        prompt = "share_contact_prompt" if reply.request_contact else "share_location_prompt"
        drafts.append((SendMessage, {"text": t.t(f"channels.{prompt}")}))
    if share:
        drafts[-1][1]["reply_markup"] = share
    return [method(chat_id=chat_id, **fields) for method, fields in drafts]


def _media(reply: Reply) -> list[Draft]:
    drafts: list[Draft] = []
    if reply.image:
        web = reply.image.startswith(("https://", "http://"))
        drafts.append((SendPhoto, {"photo": reply.image if web else FSInputFile(reply.image)}))
    if reply.document:
        document = FSInputFile(reply.document.path, filename=reply.document.filename)
        drafts.append((SendDocument, {"document": document}))
    return drafts


def _inline_keyboard(buttons: tuple[Button, ...]) -> InlineKeyboardMarkup:
    rows = [[InlineKeyboardButton(text=button.label, url=button.url) if button.url else
             InlineKeyboardButton(text=button.label, callback_data=button.payload)]
            for button in buttons]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _share_keyboard(reply: Reply, t: Translator) -> ReplyKeyboardMarkup | None:
    rows = []
    if reply.request_contact:
        rows.append([KeyboardButton(text=t.t("channels.share_contact"), request_contact=True)])
    if reply.request_location:
        label = t.t("channels.share_location")
        rows.append([KeyboardButton(text=label, request_location=True)])
    if not rows:
        return None
    return ReplyKeyboardMarkup(keyboard=rows, one_time_keyboard=True, resize_keyboard=True)
