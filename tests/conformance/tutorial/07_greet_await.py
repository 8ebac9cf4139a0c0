import asyncio


async def greet():
    print("Hello, World!")


async def main():
    await greet()


asyncio.run(main())
