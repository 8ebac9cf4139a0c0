import asyncio

async def main():
    ev = asyncio.Event()
    print("waiting for an event nobody sets")
    await ev.wait()
    print("never")

asyncio.run(main())
