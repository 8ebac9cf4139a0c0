import asyncio


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def value():
    return 5


async def main():
    task = asyncio.create_task(value())
    await asyncio.sleep(0)
    print("task done:", task.done())
    asyncio.create_task(ticker(3))
    print("await done task ->", await task)
    print("await again ->", await task)
    print("await plain coroutine ->", await value())
    await asyncio.sleep(0)
    print("main after sleep(0)")
    await asyncio.sleep(0)
    await asyncio.sleep(0)


asyncio.run(main())
