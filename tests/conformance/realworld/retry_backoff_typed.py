"""Retries with exponential backoff and jitter (blog post style)."""
from __future__ import annotations

import asyncio
import random
import time
from typing import Awaitable, Callable, TypeVar

T = TypeVar("T")


class TransientError(Exception):
    """An error worth retrying."""


async def retry(
    func: Callable[[], Awaitable[T]],
    *,
    retries: int = 5,
    base_delay: float = 0.5,
    max_delay: float = 8.0,
) -> T:
    attempt = 0
    while True:
        try:
            return await func()
        except TransientError as exc:
            attempt += 1
            if attempt > retries:
                print(f"giving up after {retries} retries")
                raise
            delay = min(max_delay, base_delay * 2 ** (attempt - 1))
            delay = delay * random.uniform(0.5, 1.5)
            print(f"attempt {attempt} failed ({exc}); retrying in {delay:.2f}s")
            await asyncio.sleep(delay)


class FlakyService:
    def __init__(self, name: str, failures: int) -> None:
        self.name = name
        self.failures = failures
        self.calls = 0

    async def call(self) -> str:
        self.calls += 1
        await asyncio.sleep(0.1)
        if self.calls <= self.failures:
            raise TransientError(f"{self.name} unavailable (call #{self.calls})")
        return f"{self.name} OK after {self.calls} calls"


async def main() -> None:
    start = time.perf_counter()
    services = [FlakyService("users", 2), FlakyService("orders", 0), FlakyService("billing", 7)]
    results = await asyncio.gather(
        *(retry(s.call, retries=4) for s in services), return_exceptions=True
    )
    for service, result in zip(services, results):
        status = "ERROR" if isinstance(result, Exception) else "OK"
        print(f"{service.name:>8}: {status:<5} {result}")
    print(f"elapsed: {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
