import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    start = time.perf_counter()
    print("started")

    # create_task schedules each coroutine to run as soon as main() awaits.
    task1 = asyncio.create_task(say_after(1, "hello"))
    task2 = asyncio.create_task(say_after(2, "world"))

    # Wait until both tasks are done: about 2 seconds, not 3.
    await task1
    await task2

    print(f"finished after {time.perf_counter() - start:.1f} seconds")


asyncio.run(main())
