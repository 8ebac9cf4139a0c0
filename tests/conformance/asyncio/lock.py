import asyncio

counter = 0


async def increment(name, lock):
    global counter
    async with lock:
        print(f"{name} has the lock")
        value = counter
        await asyncio.sleep(0.5)
        counter = value + 1
    print(f"{name} released the lock")


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*(increment(f"task {i}", lock) for i in range(3)))
    print("counter =", counter, "locked =", lock.locked())
    await lock.acquire()
    print("locked =", lock.locked())
    lock.release()
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
