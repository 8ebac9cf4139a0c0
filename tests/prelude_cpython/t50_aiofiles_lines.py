# Our aiofiles extras (readline, readlines, async for), same one-hop model; the
# conformance oracle's fake has no readline, so no .expected (check_prelude only).
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
