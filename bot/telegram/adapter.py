"""The Telegram channel adapter (bot.channel.ChannelAdapter)."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery

from bot.channel import Received
from bot.telegram.rendering import render
from bot.telegram.sender import ThrottledSender
from bot.telegram.updates import CHANNEL, parsed, received_from
from dialogs.contract import LANGUAGE, Outgoing
from dialogs.i18n import translator
from dialogs.ports import FileStore

DEFAULT_LANGUAGE = "es"
log = logging.getLogger(__name__)


class TelegramAdapter:
    """Lives in one event loop: the Bot's HTTP session and the rate limits belong to it."""

    name = CHANNEL

    def __init__(self, bot: Bot, files: FileStore, sender: ThrottledSender | None = None) -> None:
        self.bot = bot
        self.files = files
        self.sender = sender or ThrottledSender(bot)

    async def received(self, payload: dict[str, Any]) -> Received:
        update = parsed(payload, self.bot)
        if update is None:
            return Received()
        if update.callback_query is not None:
            await self._stop_spinner(update.callback_query)
        return await received_from(update, self.bot, self.files)

    async def send(self, outgoing: Outgoing) -> None:
        t = translator(outgoing.meta.get(LANGUAGE, DEFAULT_LANGUAGE))
        for method in render(outgoing.chat_id, outgoing.reply, t):
            await self.sender.send(outgoing.chat_id, method)

    async def _stop_spinner(self, query: CallbackQuery) -> None:
        # The press counts even when the answer fails (a query answered before, or too old).
        try:
            await self.bot.answer_callback_query(query.id)
        except TelegramAPIError as error:
            log.info("could not answer Telegram callback query %s: %s", query.id, error)
