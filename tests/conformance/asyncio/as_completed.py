import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f"{name} after {delay}s"


async def main():
    coros = [fetch("A", 3), fetch("B", 1), fetch("C", 2)]
    for next_done in asyncio.as_completed(coros):
        result = await next_done
        print(result)


asyncio.run(main())
