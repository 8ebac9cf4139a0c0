"""A generic async TTL cache with typing.Generic and a Protocol."""
import asyncio
import time
from typing import Callable, Dict, Generic, Optional, Protocol, Tuple, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Fetcher(Protocol[K, V]):
    async def __call__(self, key: K) -> V: ...


class TTLCache(Generic[K, V]):
    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._store: Dict[K, Tuple[float, V]] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: K) -> Optional[V]:
        entry = self._store.get(key)
        if entry is None:
            return None
        ts, value = entry
        if time.monotonic() - ts > self.ttl:
            del self._store[key]
            return None
        return value

    def put(self, key: K, value: V) -> None:
        self._store[key] = (time.monotonic(), value)

    async def get_or_fetch(self, key: K, fetch: Callable) -> V:
        cached = self.get(key)
        if cached is not None:
            self.hits += 1
            return cached
        self.misses += 1
        value = await fetch(key)
        self.put(key, value)
        return value


async def slow_square(n: int) -> int:
    await asyncio.sleep(0.5)
    return n * n


async def main() -> None:
    cache: TTLCache[int, int] = TTLCache(ttl=1.0)
    for n in [2, 3, 2, 2, 3]:
        v = await cache.get_or_fetch(n, slow_square)
        print(f"{n}^2 = {v}")
    await asyncio.sleep(1.5)
    print(await cache.get_or_fetch(2, slow_square))
    print(f"hits={cache.hits} misses={cache.misses}")


asyncio.run(main())
