import asyncio


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def quick(name):
    print(name, "runs")
    return name


async def gatherer():
    print("gatherer starts")
    results = await asyncio.gather(quick("x"), quick("y"))
    print("gatherer got", results)
    result = await asyncio.gather(quick("z"))
    print("gatherer got", result)


async def main():
    t = asyncio.create_task(ticker(8))
    await gatherer()
    await t


asyncio.run(main())
