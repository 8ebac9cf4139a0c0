import asyncio


async def worker(name, delay):
    await asyncio.sleep(delay)
    print(name, "finished at", asyncio.get_running_loop().time())
    return name


async def failing():
    await asyncio.sleep(1)
    raise ValueError("failing worker")


async def main():
    try:
        await asyncio.gather(worker("a", 0.5), failing(), worker("b", 2), worker("c", 3))
    except ValueError as e:
        print("gather raised", repr(e), "at", asyncio.get_running_loop().time())
    print("main keeps going")
    await asyncio.sleep(5)
    print("main done")


asyncio.run(main())
