import asyncio


async def work(delay):
    await asyncio.sleep(delay)
    return delay


async def main():
    tasks = [asyncio.create_task(work(d)) for d in (1, 2, 3, 4)]
    done, pending = await asyncio.wait(tasks, timeout=2.5)
    print("done:", sorted(t.result() for t in done))
    print("pending:", len(pending))
    print("loop time:", asyncio.get_running_loop().time())
    for t in pending:
        t.cancel()
    results = await asyncio.gather(*pending, return_exceptions=True)
    print([type(r).__name__ for r in results])


asyncio.run(main())
