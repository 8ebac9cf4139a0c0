import asyncio


async def fetch(name, delay):
    print("start", name)
    await asyncio.sleep(delay)
    print("end", name)
    return name


async def main():
    coros = [fetch(n, d) for n, d in [("a", 2), ("b", 1), ("c", 1), ("d", 3), ("e", 1)]]
    for fut in asyncio.as_completed(coros):
        print("got", await fut)


asyncio.run(main())
