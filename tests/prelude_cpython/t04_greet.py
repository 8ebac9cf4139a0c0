# sequential-end: 2.0
import asyncio

async def greet(msg):
    await asyncio.sleep(1)
    print(msg)

async def main():
    await asyncio.gather(greet("Hello"), greet("World"))

asyncio.run(main())
