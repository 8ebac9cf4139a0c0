import asyncio


async def main():
    event = asyncio.Event()
    print("waiting for an event nobody sets")
    await event.wait()
    print("never")


asyncio.run(main())
