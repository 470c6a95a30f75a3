"""From acknowledgement to the engine: webhook and polled updates are kept in the database
before the platform hears "200 OK", then handled by a worker. Nothing acknowledged is lost
if the process stops in between: the worker finds it at the next start.

Keeping is batched: the updates arriving while one batch commits go in the next, so a burst
of requests costs a handful of transactions, not one each."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

from bot.channel import DeliveryStatus, Received, UpdateReader
from dialogs.contract import Incoming
from dialogs.engine import Engine
from storage.repositories.inbound import Inbound, InboundUpdate
from storage.uow import SqlUnitOfWork

log = logging.getLogger(__name__)
BATCH = 500
CLAIM = timedelta(minutes=5)  # longer than a batch of updates takes to handle


class InboundStore:
    """`await keep(update)` returns once the update is committed. Writes have a thread of
    their own: acknowledgements never wait behind messages being handled."""

    def __init__(self, uow: Callable[[], SqlUnitOfWork], now: Callable[[], Any],
                 on_kept: Callable[[], None] = lambda: None) -> None:
        self.uow, self.now, self.on_kept = uow, now, on_kept
        self._waiting: list[tuple[Inbound, asyncio.Future[None]]] = []
        self._wake = asyncio.Event()
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="inbound-store")

    async def keep(self, update: Inbound) -> None:
        done = asyncio.get_running_loop().create_future()
        self._waiting.append((update, done))
        self._wake.set()
        await done

    async def keep_many(self, updates: list[Inbound]) -> None:
        await asyncio.gather(*(self.keep(update) for update in updates))

    async def run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._waiting:
                batch, self._waiting = self._waiting[:BATCH], self._waiting[BATCH:]
                try:
                    await asyncio.get_running_loop().run_in_executor(
                        self._writer, self._write, [update for update, _ in batch])
                except Exception as error:  # the database is down: the platform retries
                    log.exception("keeping %d updates failed", len(batch))
                    for _, done in batch:
                        done.set_exception(error)
                    continue
                for _, done in batch:
                    done.set_result(None)
                self.on_kept()

    def _write(self, updates: list[Inbound]) -> None:
        with self.uow() as uow:
            uow.inbound.keep(updates, self.now())
            uow.commit()


class InboundWorker:
    """Hands kept updates to the engine: each chat's messages in order, `parallel` chats at
    a time. A message the engine saw before (a retry, or a restart mid-batch) is dropped
    by the engine itself."""

    def __init__(self, uow: Callable[[], SqlUnitOfWork], engine: Engine,
                 adapters: dict[str, UpdateReader], parallel: int = 8,
                 on_handled: Callable[[], None] = lambda: None,
                 blocked: frozenset[tuple[str, str]] = frozenset()) -> None:
        self.uow, self.engine, self.adapters = uow, engine, adapters
        self.blocked = blocked
        self.on_handled = on_handled
        self._handlers = ThreadPoolExecutor(parallel, thread_name_prefix="inbound-chat")
        self.wake = asyncio.Event()

    async def run(self, poll_seconds: float = 5) -> None:
        self.wake.set()  # what an earlier run left
        while True:
            try:
                await asyncio.wait_for(self.wake.wait(), poll_seconds)
            except asyncio.TimeoutError:
                pass
            self.wake.clear()
            try:
                while await self.run_once():
                    pass
            except Exception:  # the database is down: try again later
                log.exception("handling kept updates failed")

    async def run_once(self, limit: int = 200) -> int:
        claimed = await asyncio.to_thread(self._claim, limit)
        if not claimed:
            return 0
        received = await asyncio.gather(*(self._received(update) for update in claimed))
        readable = [contents for contents in received if isinstance(contents, Received)]
        chats: defaultdict[tuple[str, str], list[Incoming]] = defaultdict(list)
        for message in (message for contents in readable for message in contents.messages):
            if (message.channel, message.sender_id) in self.blocked:
                log.info("dropped %s message %s from blocked sender %s", message.channel,
                         message.message_id, message.sender_id)
                continue
            chats[(message.channel, message.chat_id)].append(message)
        await asyncio.gather(*(self._handle_chat(messages) for messages in chats.values()))
        statuses = [status for contents in readable for status in contents.statuses]
        await asyncio.to_thread(self._finish, claimed, received, statuses)
        self.on_handled()
        return len(claimed)

    def _claim(self, limit: int) -> list[InboundUpdate]:
        with self.uow() as uow:
            now = self.engine.deps.shop.clock.now()
            claimed = uow.inbound.claim(limit, now, now + CLAIM)
            uow.commit()
        return claimed

    async def _received(self, update: InboundUpdate) -> Received | Exception:
        adapter = self.adapters.get(update.channel)
        if adapter is None:
            return LookupError(f"no {update.channel} channel is configured")
        try:
            return await adapter.received(update.payload)
        except Exception as error:  # a file could not be fetched: try the update again later
            log.warning("reading %s update %s failed: %s", update.channel, update.id, error)
            return error

    async def _handle_chat(self, messages: list[Incoming]) -> None:
        for message in messages:  # in order; other chats meanwhile in the other threads
            await asyncio.get_running_loop().run_in_executor(
                self._handlers, self.engine.handle, message)

    def _finish(self, claimed: list[InboundUpdate], received: list[Received | Exception],
                statuses: list[DeliveryStatus]) -> None:
        with self.uow() as uow:
            now = self.engine.deps.shop.clock.now()
            outcomes = list(zip(claimed, received, strict=True))
            uow.inbound.handled([update.id for update, contents in outcomes
                                 if not isinstance(contents, Exception)], now)
            for update, contents in outcomes:
                if isinstance(contents, Exception):
                    uow.inbound.failed(update.id, str(contents) or type(contents).__name__, now)
            uow.deliveries.record([{
                "channel": s.channel, "message_id": s.message_id, "status": s.status,
                "chat_id": s.chat_id, "at": s.at, "error": s.error} for s in statuses])
            uow.commit()
