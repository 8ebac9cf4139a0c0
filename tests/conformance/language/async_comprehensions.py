import asyncio


async def agen(n):
    for i in range(n):
        await asyncio.sleep(0.5)
        yield i


async def double(x):
    await asyncio.sleep(1)
    return x * 2


async def main():
    loop = asyncio.get_running_loop()
    print([i async for i in agen(3)], loop.time())
    print([i async for i in agen(4) if i % 2], loop.time())
    print({i: i * i async for i in agen(2)}, loop.time())
    print([await double(x) for x in range(3)], loop.time())
    print(await asyncio.gather(*[double(x) for x in range(3)]), loop.time())


asyncio.run(main())
