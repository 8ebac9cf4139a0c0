import asyncio
import aiofiles


async def main():
    async with aiofiles.open("notes.txt", "w") as f:
        await f.write("kept\n")
    async with aiofiles.open("notes.txt") as f:
        print(repr(await f.read()))
    async with aiofiles.open("missing.txt") as f:
        print(await f.read())


asyncio.run(main())
