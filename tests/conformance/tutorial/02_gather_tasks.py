import asyncio
import time


async def task1():
    print("Task 1 started")
    await asyncio.sleep(1)
    print("Task 1 finished")


async def task2():
    print("Task 2 started")
    await asyncio.sleep(2)
    print("Task 2 finished")


async def main():
    start = time.perf_counter()
    await asyncio.gather(task1(), task2())
    elapsed = time.perf_counter() - start
    print(f"Both tasks completed in {elapsed:.2f} seconds")


asyncio.run(main())
