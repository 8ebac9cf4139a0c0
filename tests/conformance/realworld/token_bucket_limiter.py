"""A token-bucket rate limiter for asyncio (Medium post style)."""
import asyncio
import time


class RateLimiter:
    """Allow at most `rate` acquisitions per `per` seconds."""

    def __init__(self, rate: int, per: float = 1.0):
        self.rate = rate
        self.per = per
        self._tokens = float(rate)
        self._updated_at = time.monotonic()
        self._lock = asyncio.Lock()

    def _refill(self) -> None:
        now = time.monotonic()
        elapsed = now - self._updated_at
        self._tokens = min(self.rate, self._tokens + elapsed * self.rate / self.per)
        self._updated_at = now

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                self._refill()
                if self._tokens >= 1:
                    self._tokens -= 1
                    return
                wait = (1 - self._tokens) * self.per / self.rate
                # (at least 10 ms: float rounding can leave a wait too small to advance
                # a clock, which would spin)
                await asyncio.sleep(max(wait, 0.01))

    async def __aenter__(self):
        await self.acquire()
        return self

    async def __aexit__(self, *exc_info):
        return False


START = time.monotonic()


async def call_api(limiter: RateLimiter, i: int) -> int:
    async with limiter:
        print(f"[{time.monotonic() - START:5.2f}s] request {i:2d}")
        await asyncio.sleep(0.05)
        return i * i


async def main():
    limiter = RateLimiter(rate=3, per=1.0)
    results = await asyncio.gather(*(call_api(limiter, i) for i in range(10)))
    print("results:", results)
    print(f"total: {time.monotonic() - START:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
