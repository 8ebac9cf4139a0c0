import asyncio
import aiofiles

async def ticker():
    for i in range(6):
        print("tick", i)
        await asyncio.sleep(0)

async def write_file():
    async with aiofiles.open('example.txt', 'w') as file:
        await file.write("Hello, async file!\n")
        await file.write("second line\n")
    print("written")
    async with aiofiles.open('example.txt', 'r') as file:
        content = await file.read()
    print(repr(content))

async def main():
    await asyncio.gather(write_file(), ticker())

asyncio.run(main())
