import asyncio


async def worker(name, sem, hold):
    await sem.acquire()
    print(name, "acquired at", asyncio.get_running_loop().time())
    await asyncio.sleep(hold)
    sem.release()
    print(name, "released")


async def newcomer(sem):
    await asyncio.sleep(1)
    print("newcomer sees locked =", sem.locked())
    await sem.acquire()
    print("newcomer acquired at", asyncio.get_running_loop().time())
    sem.release()


async def main():
    sem = asyncio.Semaphore(1)
    await asyncio.gather(worker("A", sem, 1), worker("B", sem, 1), newcomer(sem), worker("C", sem, 0.5))


asyncio.run(main())
