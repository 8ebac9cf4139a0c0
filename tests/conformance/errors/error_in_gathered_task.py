import asyncio


async def worker(n):
    await asyncio.sleep(n)
    if n == 2:
        raise ValueError(f"worker {n} failed")
    print("worker", n, "done")


async def main():
    await asyncio.gather(worker(1), worker(2), worker(3))
    print("not reached")


asyncio.run(main())
