import asyncio
import time


async def polite(name):
    print(f"{name}: waiting 1 second with asyncio.sleep")
    await asyncio.sleep(1)  # gives the loop back: the others run meanwhile
    print(f"{name}: done")


async def rude(name):
    print(f"{name}: waiting 1 second with time.sleep")
    time.sleep(1)  # the mistake: blocks the whole event loop
    print(f"{name}: done")


async def main():
    start = time.perf_counter()
    await asyncio.gather(polite("A"), polite("B"), polite("C"))
    print(f"asyncio.sleep: {time.perf_counter() - start:.1f} seconds")

    start = time.perf_counter()
    await asyncio.gather(rude("A"), rude("B"), rude("C"))
    print(f"time.sleep: {time.perf_counter() - start:.1f} seconds")


asyncio.run(main())
