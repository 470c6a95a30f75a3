"""The aiogram Bot for the configured token and Bot API server (a local fake in tests)."""

from __future__ import annotations

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bot.config.channels import Telegram


def make_bot(config: Telegram) -> Bot:
    """A Bot whose HTTP session opens on first use, in the event loop that uses it."""
    if config.token is None:
        raise ValueError("channels.telegram.token is not set")
    session = AiohttpSession(api=TelegramAPIServer.from_base(config.api_base_url))
    return Bot(config.token.get_secret_value(), session=session)
