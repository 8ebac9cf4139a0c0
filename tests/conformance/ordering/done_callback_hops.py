import asyncio

# How many loop iterations does it take for an awaiting task to notice that
# the task it awaits has finished? The ticker prints once per iteration.


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def child():
    print("child runs")
    return "child result"


async def parent():
    task = asyncio.create_task(child())
    print("parent awaits child")
    result = await task
    print("parent got", result)


async def main():
    await asyncio.gather(ticker(6), parent())


asyncio.run(main())
