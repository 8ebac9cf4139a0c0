# readline, readlines (one hop) and async for (a readline per step).

import asyncio
import aiofiles

async def ticker():
    for i in range(8):
        print("tick", i)
        await asyncio.sleep(0)

async def lines():
    async with aiofiles.open("data.txt", "w") as f:
        await f.write("alpha\nbeta\ngamma")
    async with aiofiles.open("data.txt") as f:
        print(repr(await f.readline()))
        print(await f.readlines())
    async with aiofiles.open("data.txt") as f:
        async for line in f:
            print("line:", line.strip())

async def main():
    await asyncio.gather(lines(), ticker())

asyncio.run(main())
