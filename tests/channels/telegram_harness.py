"""The real aiogram Bot and TelegramAdapter against the fake Bot API, in a fresh event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from aiogram import Bot

from bot.chat_wiring import DirectoryFileStore
from bot.config.channels import Telegram
from bot.telegram.adapter import TelegramAdapter
from bot.telegram.client import make_bot
from tests.channels.fake_telegram import FakeTelegram

T = TypeVar("T")


def bot_for(telegram: FakeTelegram, token: str | None = None) -> Bot:
    config = Telegram(enabled=True, token=token or telegram.token, api_base_url=telegram.url)
    return make_bot(config)


def with_bot(telegram: FakeTelegram, scenario: Callable[[Bot], Awaitable[T]],
             token: str | None = None) -> T:
    async def main() -> T:
        bot = bot_for(telegram, token)
        try:
            return await scenario(bot)
        finally:
            # Not bot.session.close(): it waits 250 ms for TLS to wind down; this is plain HTTP.
            client = await bot.session.create_session()
            await client.close()

    return asyncio.run(main())


def with_adapter(telegram: FakeTelegram, files: Path,
                 scenario: Callable[[TelegramAdapter], Awaitable[T]],
                 token: str | None = None) -> T:
    def on_adapter(bot: Bot) -> Awaitable[T]:
        return scenario(TelegramAdapter(bot, DirectoryFileStore(files)))

    return with_bot(telegram, on_adapter, token)
