import asyncio
import aiofiles


async def save(path, lines):
    async with aiofiles.open(path, mode="w") as f:
        for line in lines:
            await f.write(line + "\n")
    return len(lines)


async def load(path):
    async with aiofiles.open(path, mode="r") as f:
        return await f.read()


async def main():
    counts = await asyncio.gather(save("a.txt", ["alpha", "beta"]), save("b.txt", ["gamma"]))
    print("saved", counts)
    text = await load("a.txt")
    print(text.splitlines())
    async with aiofiles.open("a.txt", "w") as f:
        await f.write("replaced")
    print(repr(await load("a.txt")))
    async with aiofiles.open("notes/c.txt", "a") as f:
        await f.write("x")
    async with aiofiles.open("notes/c.txt", "a") as f:
        n = await f.write("yz")
    print("wrote", n, repr(await load("notes/c.txt")))


asyncio.run(main())
