import asyncio


async def ticker(n, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        yield i


async def numbered(agen):
    index = 0
    async for item in agen:
        yield index, item
        index += 1


async def main():
    async for i in ticker(3, 0.5):
        print("tick", i, "at", asyncio.get_running_loop().time())
    async for pair in numbered(ticker(2, 1)):
        print("pair", pair)
    agen = ticker(5, 0.25)
    async for value in agen:
        if value == 2:
            print("breaking at", value)
            break
    total = 0
    async for value in ticker(4, 0):
        total += value
    print("sum with sleep(0) ticks:", total)


asyncio.run(main())
