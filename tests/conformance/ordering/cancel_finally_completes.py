import asyncio


async def worker():
    try:
        await asyncio.sleep(5)
    finally:
        print("cleanup starts at", asyncio.get_running_loop().time())
        await asyncio.sleep(1)
        print("cleanup ends at", asyncio.get_running_loop().time())


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(1)
    task.cancel()
    results = await asyncio.gather(task, return_exceptions=True)
    print(results, asyncio.get_running_loop().time())


asyncio.run(main())
