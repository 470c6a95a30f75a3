"""The sending limits: a steady rate after a burst, and no token before a hold-off ends.
Only lower bounds are checked: a busy machine makes waits longer, never shorter."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.rate_limit import PerKeyBuckets, TokenBucket


def elapsed(coroutine_factory) -> float:
    async def main() -> float:
        started = time.monotonic()
        await coroutine_factory()
        return time.monotonic() - started
    return asyncio.run(main())


def test_a_burst_passes_at_once_and_the_rest_waits_its_turn():
    bucket = TokenBucket(rate=20, burst=5)

    async def take(n: int) -> None:
        for _ in range(n):
            await bucket.acquire()

    assert elapsed(lambda: take(5)) < 0.2
    assert elapsed(lambda: take(10)) >= 10 / 20 * 0.9


def test_no_token_is_given_before_a_hold_off_ends():
    bucket = TokenBucket(rate=30, burst=30)

    async def after_429() -> None:
        bucket.hold_off(0.5)
        await bucket.acquire()

    assert elapsed(after_429) >= 0.45


def test_each_chat_has_its_own_bucket_and_forgotten_chats_start_full():
    chats = PerKeyBuckets(rate=1, burst=1, keep=2)
    first = chats["ana"]
    assert chats["ana"] is first
    chats["beto"], chats["carla"]  # ana is the least recently used: forgotten
    assert chats["ana"] is not first


@pytest.mark.parametrize("rate, burst", [(0, 1), (1, 0.5)])
def test_a_bucket_that_could_never_give_a_token_is_refused(rate, burst):
    with pytest.raises(ValueError):
        TokenBucket(rate, burst)
