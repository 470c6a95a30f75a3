"""Bot API sending calls within Telegram's limits, and its refusals told apart.

About 30 messages a second in all and about one a second per chat (short bursts pass).
"Too many requests" holds every send back for the time Telegram asks, and the call is made
again (a wait of minutes is left to the outbox's later rounds); a blocked bot or a chat
that is gone is Undeliverable; other errors propagate, for the outbox to retry.
"""

from __future__ import annotations

import logging
from typing import TypeVar

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter
from aiogram.methods.base import TelegramMethod

from bot.channel import Undeliverable
from bot.rate_limit import PerKeyBuckets, TokenBucket

T = TypeVar("T")
MAX_TRIES = 5
MAX_WAIT_SECONDS = 60
GONE_CHAT = "chat not found"
log = logging.getLogger(__name__)


class ThrottledSender:
    """Every send call takes a token from the bot's bucket and from the chat's."""

    def __init__(self, bot: Bot, total: TokenBucket | None = None,
                 per_chat: PerKeyBuckets | None = None) -> None:
        self.bot = bot
        self.total = total or TokenBucket(30, 30)
        self.per_chat = per_chat or PerKeyBuckets(1, 3)

    async def send(self, chat_id: str, method: TelegramMethod[T]) -> T:
        chat = self.per_chat[chat_id]
        for _ in range(MAX_TRIES - 1):  # after a hold-off the buckets give no token early
            try:
                return await self._call(chat, method)
            except TelegramRetryAfter as error:
                log.warning("Telegram asks to wait %d s before sending to %s",
                            error.retry_after, chat_id)
                self.total.hold_off(error.retry_after)
                chat.hold_off(error.retry_after)
                if error.retry_after > MAX_WAIT_SECONDS:
                    raise
        return await self._call(chat, method)

    async def _call(self, chat: TokenBucket, method: TelegramMethod[T]) -> T:
        await self.total.acquire()
        await chat.acquire()
        try:
            return await self.bot(method)
        except TelegramForbiddenError as error:  # blocked by the person, account deleted
            raise Undeliverable(error.message) from error
        except TelegramBadRequest as error:
            if GONE_CHAT in error.message.lower():
                raise Undeliverable(error.message) from error
            raise
