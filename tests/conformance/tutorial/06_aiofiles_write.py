import asyncio
import aiofiles


async def write_to_file(filename, text):
    async with aiofiles.open(filename, 'w') as file:
        await file.write(text)
    print(f"Wrote {len(text)} characters to {filename}")


async def main():
    await write_to_file('example.txt', 'Hello, asynchronous file I/O!\n')


asyncio.run(main())
