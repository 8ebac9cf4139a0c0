import asyncio


async def fail(name, delay):
    await asyncio.sleep(delay)
    print(name, "raising")
    raise RuntimeError(name)


async def main():
    try:
        await asyncio.gather(fail("first", 1), fail("second", 1), fail("third", 2))
    except RuntimeError as e:
        print("caught", e)
    await asyncio.sleep(3)
    results = await asyncio.gather(fail("x", 1), fail("y", 0.5), return_exceptions=True)
    print(results)


asyncio.run(main())
