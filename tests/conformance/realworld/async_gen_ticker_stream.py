# Streaming data with async generators, with aclose and an async context manager
import asyncio
import random
from contextlib import asynccontextmanager
from typing import AsyncIterator, List


async def ticker(symbol: str, n: int) -> AsyncIterator[float]:
    price = 100.0
    try:
        for _ in range(n):
            await asyncio.sleep(random.uniform(0.1, 0.5))
            price *= 1 + random.uniform(-0.05, 0.05)
            yield round(price, 2)
    finally:
        print(f"{symbol}: stream closed")


@asynccontextmanager
async def connection(name: str):
    print(f"connecting to {name}")
    await asyncio.sleep(0.2)
    try:
        yield {"name": name, "open": True}
    finally:
        await asyncio.sleep(0.1)
        print(f"disconnected from {name}")


async def watch(symbol: str) -> List[float]:
    prices: List[float] = []
    async with connection(f"exchange/{symbol}") as conn:
        async for p in ticker(symbol, 5):
            prices.append(p)
            print(f"{symbol} {p:8.2f} via {conn['name']}")
    return prices


async def main() -> None:
    aapl, goog = await asyncio.gather(watch("AAPL"), watch("GOOG"))
    print(f"AAPL max {max(aapl)}, GOOG min {min(goog)}")
    gen = ticker("MSFT", 100)
    first = await gen.__anext__()
    print("first MSFT", first)
    await gen.aclose()


asyncio.run(main())
