import asyncio


def bad_callback():
    print("callback runs")
    return 1 / 0


async def main():
    asyncio.get_running_loop().call_soon(bad_callback)
    await asyncio.sleep(0.5)
    print("the loop keeps running; the error went to stderr")


asyncio.run(main())
