import asyncio


async def main():
    sem = asyncio.BoundedSemaphore(1)
    await sem.acquire()
    print("locked:", sem.locked())
    sem.release()
    try:
        sem.release()
    except ValueError as e:
        print("ValueError:", e)
    plain = asyncio.Semaphore(1)
    plain.release()
    print("plain semaphore allows it; locked:", plain.locked())
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
