import asyncio


async def main():
    print("waiting up to 1 second")
    await asyncio.wait_for(asyncio.sleep(5), timeout=1)


asyncio.run(main())
