import asyncio
import time


async def work(delay):
    await asyncio.sleep(delay)
    return delay * 10


async def main():
    tasks = [asyncio.create_task(work(d)) for d in (0.5, 1.5, 1.0)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.ALL_COMPLETED)
    print(len(done), len(pending), time.monotonic())
    print([t.result() for t in tasks])


asyncio.run(main())
