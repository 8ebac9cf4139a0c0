import asyncio


async def main():
    lock = asyncio.Lock()
    async with lock:
        print("have the lock, taking it again")
        await asyncio.sleep(1)
        async with lock:
            print("never")


asyncio.run(main())
