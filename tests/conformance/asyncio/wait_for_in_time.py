import asyncio


async def quick(x):
    await asyncio.sleep(1)
    return x + 1


async def main():
    print(await asyncio.wait_for(quick(1), timeout=5))
    print(await asyncio.wait_for(quick(2), timeout=None))
    print(await asyncio.wait_for(quick(3), 1.5))


asyncio.run(main())
