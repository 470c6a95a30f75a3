"""Token buckets for the platforms' sending limits: one for the whole bot, one per chat."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict


class TokenBucket:
    """`rate` sends per second on average, at most `burst` at once. `acquire` waits for
    a token; waiters are served in the order they came."""

    def __init__(self, rate: float, burst: float = 1) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        self.rate, self.burst = rate, burst
        self._tokens = burst
        self._stamp = time.monotonic()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                self._refill()
                if self._tokens >= 1:
                    self._tokens -= 1
                    return
                await asyncio.sleep((1 - self._tokens) / self.rate)

    def hold_off(self, seconds: float) -> None:
        """The platform said "too many requests, retry after N s": no token before then."""
        self._refill()
        self._tokens = min(self._tokens, 0) - seconds * self.rate

    def _refill(self) -> None:
        now = time.monotonic()
        self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now


class PerKeyBuckets:
    """A bucket per chat; the least recently used are forgotten past `keep` chats
    (a forgotten chat starts again with a full bucket, which the platform allows)."""

    def __init__(self, rate: float, burst: float = 1, keep: int = 10_000) -> None:
        self.rate, self.burst, self.keep = rate, burst, keep
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    def __getitem__(self, key: str) -> TokenBucket:
        bucket = self._buckets.pop(key, None) or TokenBucket(self.rate, self.burst)
        self._buckets[key] = bucket
        while len(self._buckets) > self.keep:
            self._buckets.popitem(last=False)
        return bucket
