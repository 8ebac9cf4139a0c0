import asyncio
import time

async def blocker():
    print("blocker sleeps with time.sleep(2)")
    time.sleep(2)
    print("blocker done")

async def other():
    await asyncio.sleep(1)
    print("other woke late")

async def main():
    start = time.perf_counter()
    await asyncio.gather(other(), blocker())
    print(f"took {time.perf_counter() - start:.1f}s")

asyncio.run(main())
