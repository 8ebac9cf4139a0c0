import asyncio


async def main():
    event = asyncio.Event()
    try:
        await asyncio.wait_for(event.wait(), timeout=1)
    except asyncio.TimeoutError:
        print("no event within 1s")
    asyncio.get_running_loop().call_later(0.5, event.set)
    result = await asyncio.wait_for(event.wait(), timeout=1)
    print("event set, wait() returned", result, "at", asyncio.get_running_loop().time())
    print("wait on a set event returns at once:", await event.wait())


asyncio.run(main())
