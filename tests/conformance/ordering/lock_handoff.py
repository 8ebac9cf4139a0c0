import asyncio


async def user(name, lock, hold):
    print(name, "wants the lock")
    async with lock:
        print(name, "has the lock")
        await asyncio.sleep(hold)
    print(name, "released")


async def latecomer(lock):
    await asyncio.sleep(1)
    print("latecomer sees locked =", lock.locked())
    async with lock:
        print("latecomer has the lock")


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(user("A", lock, 1), user("B", lock, 1), latecomer(lock), user("C", lock, 0))


asyncio.run(main())
