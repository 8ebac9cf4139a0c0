import asyncio
import time


async def polite(name):
    for i in range(3):
        print(f"{name} tick {i} at {time.monotonic()}")
        await asyncio.sleep(1)


async def rude():
    await asyncio.sleep(0.5)
    print("rude blocks the loop at", time.monotonic())
    time.sleep(2)
    print("rude done at", time.monotonic())


async def main():
    start = time.perf_counter()
    await asyncio.gather(polite("p1"), rude(), polite("p2"))
    print(f"elapsed {time.perf_counter() - start:.2f}")


asyncio.run(main())
