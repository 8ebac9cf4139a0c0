# sequential-end: 6.0
import asyncio

async def limited(sem, i):
    async with sem:
        print("start", i, "locked", sem.locked())
        await asyncio.sleep(1)
        print("end", i)

async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(limited(sem, i) for i in range(6)))
    b = asyncio.BoundedSemaphore(1)
    await b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print(e)

asyncio.run(main())
