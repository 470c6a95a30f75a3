"""`orderbot serve` and `orderbot run`: the web server, the worker handling what it keeps,
the outbox dispatcher sending replies through the platforms, and Telegram long polling or
its webhook, all in one event loop. The engine and the database run in threads."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable, Coroutine, Mapping
from datetime import datetime
from typing import Any

from aiohttp import web

from bot.bootstrap import App
from bot.channel import ChannelAdapter, UpdateReader
from bot.chat_wiring import build_engine
from bot.dispatcher import OutboxDispatcher, Sender
from bot.ingest import InboundStore, InboundWorker
from bot.payment_wiring import payment_gateway, payment_jobs, payment_webhooks
from bot.telegram.adapter import TelegramAdapter
from bot.telegram.client import make_bot
from bot.telegram.polling import poll
from bot.telegram.updates import telegram_chat_key
from bot.web import WebhookSecrets, web_app
from bot.whatsapp.adapter import WhatsAppAdapter
from dialogs.contract import Outgoing
from dialogs.ports import FileStore
from storage.repositories.inbound import Inbound
from storage.uow import SqlUnitOfWork

log = logging.getLogger(__name__)
PARALLEL_CHATS = 16  # chats sent to at once; each waits on its platform's per-chat limit
DELIVERY_POLL_SECONDS = 2  # messages other processes put in the outbox are found this fast
SEND_TIMEOUT_SECONDS = 300


async def serve(app: App, host: str, port: int, *, poll_telegram: bool,
                stop: asyncio.Event, environ: Mapping[str, str] = os.environ,
                started: Callable[[int], None] = lambda port: None) -> None:
    """Serve until `stop` is set; `started` hears the port listened on (0 picks one)."""
    loop = asyncio.get_running_loop()
    uow: Callable[[], SqlUnitOfWork] = app.uow  # type: ignore[assignment]
    engine = build_engine(app, dict(environ))
    adapters = channel_adapters(app, engine.deps.files)
    gateway = payment_gateway(app)
    delivery = asyncio.Event()
    readers: dict[str, UpdateReader] = dict(adapters)
    worker = InboundWorker(uow, engine, readers, on_handled=delivery.set,
                           blocked=blocked_senders(app))
    store = InboundStore(uow, app.shop.clock.now, on_kept=worker.wake.set)
    payment_routes, payment_readers = payment_webhooks(app, gateway, store)
    readers.update(payment_readers)
    dispatcher = OutboxDispatcher(engine, {name: _sender(adapter, loop)
                                           for name, adapter in adapters.items()},
                                  parallel_chats=PARALLEL_CHATS,
                                  jobs=payment_jobs(engine, gateway))
    runner = web.AppRunner(web_app(store, webhook_secrets(app), _health(uow), payment_routes))
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    tasks = [asyncio.create_task(job) for job in (
        store.run(), worker.run(), _deliver(dispatcher, delivery),
        *_telegram_jobs(app, adapters, store, poll_telegram, stop))]
    started(runner.addresses[0][1])
    log.info("serving on %s:%s; channels: %s", host, runner.addresses[0][1],
             ", ".join(adapters) or "none")
    try:
        await stop.wait()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await runner.cleanup()
        for adapter in adapters.values():
            await _close(adapter)


def channel_adapters(app: App, files: FileStore) -> dict[str, ChannelAdapter]:
    channels = app.settings.channels
    adapters: dict[str, ChannelAdapter] = {}
    if channels.telegram.enabled:
        adapters["telegram"] = TelegramAdapter(make_bot(channels.telegram), files)
    if channels.whatsapp.enabled:
        adapters["whatsapp"] = WhatsAppAdapter.from_config(
            channels.whatsapp, files, _last_message_at(app, "whatsapp"), app.shop.clock.now)
    return adapters


def webhook_secrets(app: App) -> WebhookSecrets:
    channels = app.settings.channels
    telegram, whatsapp = channels.telegram, channels.whatsapp

    def secret(value: Any, enabled: bool) -> str | None:
        return value.get_secret_value() if enabled and value is not None else None

    return WebhookSecrets(
        telegram_secret=secret(telegram.webhook_secret, telegram.enabled),
        whatsapp_app_secret=secret(whatsapp.app_secret, whatsapp.enabled),
        whatsapp_verify_token=secret(whatsapp.verify_token, whatsapp.enabled))


def blocked_senders(app: App) -> frozenset[tuple[str, str]]:
    channels = app.settings.channels
    return frozenset([("telegram", sender) for sender in channels.telegram.blocked]
                     + [("whatsapp", sender) for sender in channels.whatsapp.blocked])


def _telegram_jobs(app: App, adapters: dict[str, ChannelAdapter], store: InboundStore,
                   poll_telegram: bool, stop: asyncio.Event) -> list[Coroutine[Any, Any, None]]:
    telegram = adapters.get("telegram")
    if not isinstance(telegram, TelegramAdapter):
        return []
    if poll_telegram:
        return [poll(telegram.bot, lambda updates: store.keep_many([
            Inbound("telegram", str(update["update_id"]), telegram_chat_key(update), update)
            for update in updates]), stop)]
    config = app.settings.channels.telegram
    if config.webhook_url is None:
        log.warning("Telegram is enabled without webhook_url: `orderbot serve` only takes "
                    "updates that Telegram posts; use `orderbot run` to poll for them")
        return []
    return [_set_webhook(telegram, config.webhook_url, webhook_secrets(app).telegram_secret)]


async def _set_webhook(telegram: TelegramAdapter, url: str, secret: str | None) -> None:
    await telegram.bot.set_webhook(url, secret_token=secret,
                                   allowed_updates=["message", "callback_query",
                                                    "my_chat_member"])
    log.info("Telegram webhook set to %s", url)


def _last_message_at(app: App, channel: str) -> Callable[[str], datetime | None]:
    def last(chat_id: str) -> datetime | None:
        with app.uow() as uow:
            return uow.conversations.last_message_at(channel, chat_id)  # type: ignore[attr-defined]
    return last


def _sender(adapter: ChannelAdapter, loop: asyncio.AbstractEventLoop) -> Sender:
    """The dispatcher sends from its threads; the adapter lives in the event loop."""
    def send(outgoing: Outgoing) -> None:
        asyncio.run_coroutine_threadsafe(adapter.send(outgoing), loop).result(
            SEND_TIMEOUT_SECONDS)
    return send


async def _deliver(dispatcher: OutboxDispatcher, wake: asyncio.Event) -> None:
    while True:
        try:
            await asyncio.wait_for(wake.wait(), DELIVERY_POLL_SECONDS)
        except asyncio.TimeoutError:
            pass
        wake.clear()
        try:
            while await asyncio.to_thread(dispatcher.run_once):
                pass
        except Exception:  # the database is down: the next round tries again
            log.exception("delivering outbox messages failed")


def _health(uow: Callable[[], SqlUnitOfWork]) -> Callable[[], Coroutine[Any, Any, dict[str, Any]]]:
    def waiting() -> int:
        with uow() as transaction:
            return transaction.inbound.waiting()

    async def health() -> dict[str, Any]:
        return {"updates_waiting": await asyncio.to_thread(waiting)}
    return health


async def _close(adapter: ChannelAdapter) -> None:
    try:
        if isinstance(adapter, TelegramAdapter):
            await adapter.bot.session.close()
        elif hasattr(adapter, "close"):
            await adapter.close()
    except Exception as error:
        log.warning("closing the %s channel: %s", adapter.name, error)
