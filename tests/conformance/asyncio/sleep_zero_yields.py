import asyncio


async def counter(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(counter("a", 3), counter("b", 2))
    print("result of sleep(0):", await asyncio.sleep(0, result="r"))


asyncio.run(main())
