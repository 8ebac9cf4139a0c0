# file: data.txt alpha\nbeta\ngamma
import asyncio
import aiofiles

async def main():
    try:
        async with aiofiles.open("missing.txt") as f:
            print(await f.read())
    except FileNotFoundError as e:
        print("not found:", e)
    async with aiofiles.open("data.txt") as f:
        print(repr(await f.readline()))
        print(await f.readlines())
    async with aiofiles.open("data.txt", "a") as f:
        await f.write("\ndelta")
    f = await aiofiles.open("data.txt")
    print(repr(await f.read()))
    await f.close()

asyncio.run(main())
