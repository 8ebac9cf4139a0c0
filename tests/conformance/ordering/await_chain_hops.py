import asyncio

# Each task awaiting another task adds loop iterations on the way back up.


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def level_c():
    print("c runs")
    return "c"


async def level_b():
    result = await asyncio.create_task(level_c())
    print("b got", result)
    return result + "b"


async def level_a():
    result = await asyncio.create_task(level_b())
    print("a got", result)
    return result + "a"


async def main():
    t = asyncio.create_task(ticker(10))
    print("main got", await level_a())
    await t


asyncio.run(main())
