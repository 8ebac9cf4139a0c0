import asyncio

async def inner():
    await asyncio.sleep(1)
    print("about to fail")
    return 1 / 0

async def main():
    await asyncio.gather(inner(), asyncio.sleep(2))

asyncio.run(main())
