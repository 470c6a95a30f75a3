"""Long polling: updates fetched with getUpdates, stored, and only then confirmed.

Telegram forgets an update once a later getUpdates asks from past it (the offset), so
the offset moves on only after `store` succeeded: a batch that failed to be stored is
fetched again. Updates are kept as the Bot API wrote them and read one by one later, as
webhook updates are: one that cannot be read never holds up the others.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramUnauthorizedError
from aiogram.methods import GetUpdates

ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
RETRY_PAUSE_SECONDS = 5.0
Store = Callable[[list[dict[str, Any]]], Awaitable[None]]
log = logging.getLogger(__name__)


async def poll(bot: Bot, store: Store, stop: asyncio.Event, timeout: int = 25,
               pause: float = RETRY_PAUSE_SECONDS) -> None:
    """Until `stop` is set. A wrong token ends it (TelegramUnauthorizedError): no retry
    can help; any other failure is logged and tried again after `pause` seconds."""
    offset: int | None = None
    webhook_deleted = False
    while not stop.is_set():
        try:
            if not webhook_deleted:  # Telegram refuses getUpdates while a webhook is set
                webhook_deleted = await bot.delete_webhook()
            updates = await _until_stopped(_fetch(bot, offset, timeout), stop)
            if updates:
                await store(updates)
                offset = max(_update_id(update) for update in updates) + 1
        except TelegramUnauthorizedError:
            raise
        except Exception:
            log.exception("Telegram polling failed; trying again in %s s", pause)
            await _until_stopped(asyncio.sleep(pause), stop)


class GetRawUpdates(GetUpdates):
    """getUpdates answered as plain JSON objects, not validated as a batch."""

    __returning__ = list[dict[str, Any]]


async def _fetch(bot: Bot, offset: int | None, timeout: int) -> list[dict[str, Any]]:
    updates = await bot(GetRawUpdates(offset=offset, timeout=timeout,
                                      allowed_updates=ALLOWED_UPDATES),
                        request_timeout=timeout + 10)
    return [update for update in updates if isinstance(_update_id(update), int)]


def _update_id(update: dict[str, Any]) -> int | None:
    update_id = update.get("update_id")
    return update_id if isinstance(update_id, int) else None


async def _until_stopped(work: Awaitable[Any], stop: asyncio.Event) -> Any:
    """What `work` gives, or None when `stop` is set first (the work is cancelled)."""
    task = asyncio.ensure_future(work)
    stopping = asyncio.ensure_future(stop.wait())
    done, _ = await asyncio.wait({task, stopping}, return_when=asyncio.FIRST_COMPLETED)
    for waiting in (task, stopping):
        waiting.cancel()
    await asyncio.gather(task, stopping, return_exceptions=True)
    return task.result() if task in done else None
