import asyncio


async def greet(message):
    print(message)
    await asyncio.sleep(1)
    print(f"{message} again after one second")


async def main():
    await asyncio.gather(greet("Hello"), greet("World"))


asyncio.run(main())
