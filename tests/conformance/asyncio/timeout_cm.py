import asyncio


async def main():
    try:
        async with asyncio.timeout(1.5):
            print("sleeping 3 seconds")
            await asyncio.sleep(3)
            print("not reached")
    except TimeoutError:
        print("timed out at", asyncio.get_running_loop().time())
    async with asyncio.timeout(5) as cm:
        await asyncio.sleep(1)
    print("in time; expired =", cm.expired())


asyncio.run(main())
