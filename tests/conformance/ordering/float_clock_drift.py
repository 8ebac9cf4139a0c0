import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for _ in range(5):
        await asyncio.sleep(0.1)
        print(loop.time())
    await asyncio.sleep(1 / 3)
    print(loop.time())
    await asyncio.sleep(1e-3)
    print(loop.time())


asyncio.run(main())
