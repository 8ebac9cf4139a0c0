import asyncio
import aiofiles


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def lines():
    async with aiofiles.open("poem.txt", "w") as f:
        await f.write("roses are red\nviolets are blue\nasync is neat")
    async with aiofiles.open("poem.txt") as f:
        print("first line:", repr(await f.readline()))
        print("the rest:", await f.readlines())
        print("at the end:", repr(await f.readline()))
    async with aiofiles.open("poem.txt") as f:
        async for line in f:
            print("async for:", repr(line))
    print("lines done")


async def main():
    await asyncio.gather(ticker(16), lines())


asyncio.run(main())
