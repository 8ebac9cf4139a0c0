import asyncio
import aiofiles

# Every aiofiles operation costs one loop hop (COMMON.md's model): the ticker
# prints once per loop iteration, so the interleaving shows the hop count.


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def writer():
    print("opening")
    async with aiofiles.open("log.txt", "w") as f:
        print("opened")
        await f.write("one\n")
        print("wrote one")
        await f.write("two\n")
        print("wrote two")
    print("closed")
    f = await aiofiles.open("log.txt", "a")
    await f.write("three\n")
    await f.close()
    print("appended")
    async with aiofiles.open("log.txt") as f:
        text = await f.read()
    print("read back", repr(text))


async def main():
    await asyncio.gather(ticker(12), writer())


asyncio.run(main())
