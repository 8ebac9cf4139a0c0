# sequential-end: 11.5
import asyncio

async def job(n):
    await asyncio.sleep(n)
    if n == 2:
        raise KeyError(n)
    return n * 100

async def main():
    tasks = [asyncio.create_task(job(n)) for n in (3, 1, 2)]
    for coro in asyncio.as_completed(tasks):
        try:
            print("completed", await coro)
        except KeyError as e:
            print("failed", e)
    try:
        for coro in asyncio.as_completed([job(5), job(0.5)], timeout=1):
            print("got", await coro)
    except asyncio.TimeoutError:
        print("as_completed timed out at", asyncio.get_running_loop().time())

asyncio.run(main())
