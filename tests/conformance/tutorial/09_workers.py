import asyncio
import time


async def worker(name, delay):
    print(f"{name} started, will take {delay} seconds")
    await asyncio.sleep(delay)
    print(f"{name} finished")
    return f"{name} result"


async def main():
    start = time.time()
    results = await asyncio.gather(
        worker("Task 1", 5),
        worker("Task 2", 3),
        worker("Task 3", 1),
    )
    print(results)
    print(f"Total time: {time.time() - start:.1f} seconds")


if __name__ == "__main__":
    asyncio.run(main())
