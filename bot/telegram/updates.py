"""One Bot API update → the messages (Incoming) and chat statuses it carries.

Only private chats count: an order is a conversation with one person. Updates of other
kinds (edits, channel posts, inline queries) and messages the dialogs cannot read
(stickers, voice) are left out, and so is a payload that is not a valid update.
"""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.types import CallbackQuery, Chat, ChatMemberUpdated, Message, Update, User
from aiogram.types import Contact as TelegramContact
from pydantic import ValidationError

from bot.channel import DeliveryStatus, Received
from bot.received import clean_text
from bot.telegram.received_files import received_file
from dialogs.contract import Contact, Incoming, Location
from dialogs.ports import FileStore

CHANNEL = "telegram"
PRIVATE = "private"
CHAT_STATUSES = {"kicked": "blocked", "member": "unblocked"}  # the bot's status in the chat
log = logging.getLogger(__name__)


def telegram_chat_key(update: dict[str, Any]) -> str | None:
    """The chat an update belongs to, read cheaply at acknowledgement (before validation),
    so each chat's updates are handled in the order they came."""
    query = update.get("callback_query")
    holders = [update.get(kind) for kind in ("message", "edited_message", "my_chat_member")]
    holders.append(query.get("message") if isinstance(query, dict) else None)
    for holder in holders:
        chat = holder.get("chat") if isinstance(holder, dict) else None
        if isinstance(chat, dict) and "id" in chat:
            return f"{CHANNEL}:{chat['id']}"
    return None


def parsed(payload: dict[str, Any], bot: Bot) -> Update | None:
    try:
        return Update.model_validate(payload, context={"bot": bot})
    except ValidationError as error:
        where = ".".join(str(part) for part in error.errors()[0]["loc"])
        log.warning("malformed Telegram update %r (%d errors, first at %s)",
                    _update_id(payload), error.error_count(), where)
        return None


async def received_from(update: Update, bot: Bot, files: FileStore) -> Received:
    if update.message is not None:
        incoming = await _from_message(update.update_id, update.message, bot, files)
        return Received(messages=[incoming] if incoming else [])
    if update.callback_query is not None:
        pressed = _from_button(update.update_id, update.callback_query)
        return Received(messages=[pressed] if pressed else [])
    if update.my_chat_member is not None:
        status = _chat_status(update.update_id, update.my_chat_member)
        return Received(statuses=[status] if status else [])
    kinds = sorted(key for key in update.model_dump(exclude_none=True) if key != "update_id")
    log.info("ignored Telegram update %d of kind %s", update.update_id, ", ".join(kinds))
    return Received()


def _chat_status(update_id: int, change: ChatMemberUpdated) -> DeliveryStatus | None:
    status = CHAT_STATUSES.get(change.new_chat_member.status)
    if change.chat.type != PRIVATE or status is None:
        return None
    return DeliveryStatus(CHANNEL, str(change.chat.id), str(update_id), status, change.date)


async def _from_message(update_id: int, message: Message, bot: Bot,
                        files: FileStore) -> Incoming | None:
    person = _person(message.chat, message.from_user)
    if person is None:
        log.info("ignored Telegram update %d from a %s chat", update_id, message.chat.type)
        return None
    content = await _content(message, bot, files)
    if content is None:
        log.info("ignored Telegram update %d: a %s message", update_id, message.content_type)
        return None
    answered = message.reply_to_message
    return _incoming(update_id, message.chat, person, **content,
                     reply_to=str(answered.message_id) if answered else None)


def _from_button(update_id: int, query: CallbackQuery) -> Incoming | None:
    chat = query.message.chat if query.message is not None else None
    person = _person(chat, query.from_user) if chat is not None else None
    if chat is None or person is None or query.data is None:
        log.info("ignored Telegram callback query of update %d", update_id)
        return None
    return _incoming(update_id, chat, person, button=clean_text(query.data))


def _person(chat: Chat, user: User | None) -> User | None:
    """The person writing, when it is a person in a private chat with the bot."""
    if chat.type != PRIVATE or user is None or user.is_bot:
        return None
    return user


def _incoming(update_id: int, chat: Chat, person: User, **content: Any) -> Incoming:
    return Incoming(CHANNEL, str(chat.id), str(person.id), str(update_id),
                    language_hint=person.language_code, **content)


async def _content(message: Message, bot: Bot, files: FileStore) -> dict[str, Any] | None:
    caption = clean_text(message.caption) if message.caption else None
    if message.text is not None:
        return {"text": clean_text(message.text)}
    if message.contact is not None:
        return {"contact": _contact(message.contact, message.from_user)}
    if message.location is not None:
        return {"location": Location(message.location.latitude, message.location.longitude)}
    if message.photo:
        largest = max(message.photo, key=lambda size: size.width * size.height)
        return {"attachment": await received_file(bot, files, largest, "photo.jpg", caption)}
    if message.document is not None:
        name = message.document.file_name or "document"
        return {"attachment": await received_file(bot, files, message.document, name, caption)}
    return None


def _contact(card: TelegramContact, sender: User | None) -> Contact:
    """The sender's own number only from the "share my contact" button (the card names
    the sender's user id); a forwarded card of someone else proves nothing."""
    phone = card.phone_number
    # Telegram leaves out the + of numbers shared from the person's own account.
    number = phone if phone.startswith("+") else f"+{phone}"
    name = clean_text(" ".join(part for part in (card.first_name, card.last_name)
                               if part)).strip()
    own = sender is not None and card.user_id == sender.id
    return Contact(number, name or None, verified=own)


def _update_id(payload: object) -> object:
    return payload.get("update_id") if isinstance(payload, dict) else None
