import asyncio


def first(loop):
    print("first callback")
    loop.call_soon(print, "scheduled by first: runs in the next iteration")
    loop.call_later(0, print, "call_later(0) from first")


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(ticker(4))
    loop.call_soon(first, loop)
    await t


asyncio.run(main())
