import asyncio


async def leaf(name, delay):
    await asyncio.sleep(delay)
    return name


async def branch(prefix):
    return await asyncio.gather(leaf(prefix + "1", 1), leaf(prefix + "2", 0.5))


async def main():
    result = await asyncio.gather(branch("a"), branch("b"), leaf("c", 2))
    print(result, asyncio.get_running_loop().time())
    task = asyncio.create_task(leaf("t", 0.25))
    print(await asyncio.gather(task, task, leaf("d", 0.25)))


asyncio.run(main())
