import asyncio
import aiofiles

async def main():
    try:
        async with aiofiles.open("missing.txt") as f:
            print(await f.read())
    except FileNotFoundError as e:
        print("not found:", e)
    async with aiofiles.open("data.txt", "w") as f:
        await f.write("alpha\nbeta\ngamma")
    async with aiofiles.open("data.txt", "a") as f:
        await f.write("\ndelta")
        try:
            await f.read()
        except OSError as e:
            print("read in append mode:", e)
    f = await aiofiles.open("data.txt")
    print(repr(await f.read(5)), repr(await f.read()))
    await f.close()
    try:
        await f.read()
    except ValueError as e:
        print(e)
    try:
        async with aiofiles.open("data.txt", "x") as f:
            pass
    except FileExistsError as e:
        print(e)

asyncio.run(main())
