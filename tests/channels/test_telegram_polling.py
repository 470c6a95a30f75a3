"""Long polling hands every update to the store once it is fetched, and loses none."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramUnauthorizedError

from bot.chat_wiring import DirectoryFileStore
from bot.telegram.adapter import TelegramAdapter
from bot.telegram.polling import poll
from tests.channels.fake_telegram import FakeTelegram, telegram_fixture  # noqa: F401
from tests.channels.telegram_harness import with_bot
from tests.channels.telegram_updates import ANA, callback_update, text_update

Batch = list[dict[str, Any]]


class Store:
    """Keeps batches; fails the first `failures` times; stops polling after `wanted` updates."""

    def __init__(self, wanted: int, failures: int = 0,
                 then: Callable[[], None] = lambda: None) -> None:
        self.wanted, self.failures, self.then = wanted, failures, then
        self.batches: list[Batch] = []
        self.stop = asyncio.Event()

    async def __call__(self, batch: Batch) -> None:
        if self.failures:
            self.failures -= 1
            raise OSError("database is locked")
        self.batches.append(batch)
        self.then()
        if sum(len(b) for b in self.batches) >= self.wanted:
            self.stop.set()

    def updates(self) -> Batch:
        return [update for batch in self.batches for update in batch]


def polled(telegram: FakeTelegram, store: Store, token: str | None = None) -> None:
    async def run(bot: Bot) -> None:
        store.stop = asyncio.Event()  # bound to this test's event loop
        await asyncio.wait_for(poll(bot, store, store.stop, timeout=1, pause=0.05), timeout=20)

    with_bot(telegram, run, token)


def test_updates_are_stored_then_confirmed_with_the_next_offset(telegram):
    telegram.push_update(text_update(800001, "hola"))
    telegram.push_update(callback_update(800002, "menu:catalog"))
    later = text_update(800003, "quiero café")
    store = Store(wanted=3, then=lambda: telegram.push_update(later))

    polled(telegram, store)

    assert [[u["update_id"] for u in batch] for batch in store.batches][:2] == [
        [800001, 800002], [800003]]
    offsets = [call.params.get("offset") for call in telegram.calls("getUpdates")]
    assert offsets[:2] == [None, 800003]
    assert telegram.calls("getUpdates")[0].params["allowed_updates"] == [
        "message", "callback_query", "my_chat_member"]


def test_stored_updates_read_the_same_as_the_ones_telegram_sent(telegram, tmp_path):
    update = text_update(800003, "quiero 2 cafés")
    telegram.push_update(update)
    store = Store(wanted=1)

    polled(telegram, store)

    async def both(bot: Bot) -> list:
        adapter = TelegramAdapter(bot, DirectoryFileStore(tmp_path))
        return [await adapter.received(u) for u in (update, store.updates()[0])]

    sent, stored = with_bot(telegram, both)
    assert stored == sent
    assert stored.messages[0].text == "quiero 2 cafés"


def test_an_update_that_cannot_be_read_does_not_hold_up_the_others(telegram, tmp_path):
    broken = {"update_id": 800010, "message": {"message_id": 7, "chat": "not a chat"}}
    telegram.push_update(broken)
    telegram.push_update(text_update(800011, "hola"))
    later = text_update(800012, "¿siguen ahí?")
    store = Store(wanted=3, then=lambda: telegram.push_update(later))

    polled(telegram, store)

    assert [u["update_id"] for u in store.updates()] == [800010, 800011, 800012]
    assert [c.params.get("offset") for c in telegram.calls("getUpdates")][:2] == [None, 800012]

    async def read(bot: Bot) -> list:
        adapter = TelegramAdapter(bot, DirectoryFileStore(tmp_path))
        return [await adapter.received(update) for update in store.updates()[:2]]

    unreadable, fine = with_bot(telegram, read)
    assert unreadable.messages == [] and fine.messages[0].text == "hola"


def test_a_batch_that_failed_to_be_stored_is_fetched_again(telegram):
    telegram.push_update(text_update(800004, "hola", ANA))
    store = Store(wanted=1, failures=2)

    polled(telegram, store)

    assert [u["update_id"] for u in store.updates()] == [800004]
    assert [c.params.get("offset") for c in telegram.calls("getUpdates")][:3] == [None] * 3


def test_a_webhook_is_deleted_before_polling(telegram):
    telegram.webhook_url = "https://shop.example/telegram/webhook"
    telegram.push_update(text_update(800005, "hola"))
    store = Store(wanted=1)

    polled(telegram, store)

    assert telegram.webhook_url == ""
    assert [c.method for c in telegram.calls()][:2] == ["deleteWebhook", "getUpdates"]
    assert len(store.updates()) == 1


def test_stopping_ends_a_long_poll_that_is_waiting(telegram):
    async def run(bot: Bot) -> None:
        stop = asyncio.Event()
        polling = asyncio.create_task(poll(bot, Store(wanted=1), stop, timeout=30))
        while not telegram.calls("getUpdates"):
            await asyncio.sleep(0.01)
        stop.set()
        await asyncio.wait_for(polling, timeout=10)

    with_bot(telegram, run)

    assert len(telegram.calls("getUpdates")) == 1


def test_a_wrong_token_ends_polling_with_the_error(telegram):
    with pytest.raises(TelegramUnauthorizedError):
        polled(telegram, Store(wanted=1), token="123456789:wrong-token")
