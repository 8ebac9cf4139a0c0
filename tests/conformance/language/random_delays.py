import asyncio
import random


async def worker(name):
    delay = random.uniform(0.5, 2.0)
    print(f"{name} sleeps {delay:.3f}s")
    await asyncio.sleep(delay)
    print(f"{name} woke up")
    return round(delay, 3)


async def main():
    results = await asyncio.gather(*(worker(f"w{i}") for i in range(4)))
    print(results)


asyncio.run(main())
