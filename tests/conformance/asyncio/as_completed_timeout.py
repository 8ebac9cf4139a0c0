import asyncio


async def fetch(delay):
    await asyncio.sleep(delay)
    return delay


async def main():
    try:
        for fut in asyncio.as_completed([fetch(1), fetch(5), fetch(2)], timeout=3):
            print("got", await fut)
    except asyncio.TimeoutError:
        print("as_completed timed out at", asyncio.get_running_loop().time())


asyncio.run(main())
