import asyncio

counter = 0

async def incr(lock, name):
    global counter
    for _ in range(2):
        async with lock:
            v = counter
            print(name, "has the lock", lock.locked())
            await asyncio.sleep(0.1)
            counter = v + 1

async def main():
    lock = asyncio.Lock()
    await asyncio.gather(incr(lock, "A"), incr(lock, "B"), incr(lock, "C"))
    print("counter", counter, lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print(e)

asyncio.run(main())
