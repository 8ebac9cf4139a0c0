# Tutorial 9: three workers gathered: 5 s concurrent vs 9 s sequential.
# sequential-end: 9.0
import asyncio


async def worker(name, delay):
    print(f"{name} started")
    await asyncio.sleep(delay)
    print(f"{name} finished after {delay}s")
    return delay * 10


async def main():
    results = await asyncio.gather(
        worker("Task 1", 5), worker("Task 2", 3), worker("Task 3", 1))
    print(results)

asyncio.run(main())
