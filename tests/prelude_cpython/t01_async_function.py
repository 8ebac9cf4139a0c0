# sequential-end: 1.0
import asyncio

async def main():
    await asyncio.sleep(1)
    print("Hello after 1 second")

asyncio.run(main())
