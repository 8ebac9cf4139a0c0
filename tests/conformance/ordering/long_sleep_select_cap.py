import asyncio

# A sleep longer than a day: CPython's selector timeout is capped at 86400 s,
# so the loop wakes up on the way.


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(100000.3)
    print(repr(loop.time()))
    await asyncio.sleep(200000.7)
    print(repr(loop.time()))


asyncio.run(main())
