import asyncio

async def ticker(n):
    try:
        for i in range(n):
            yield i
            await asyncio.sleep(0.1)
    finally:
        print("cleanup start")
        await asyncio.sleep(0.5)
        print("cleanup done")

async def main():
    async for v in ticker(10):
        print("got", v)
        if v == 1:
            break
    print("after loop")
    await asyncio.sleep(0)
    print("after sleep0")
    await asyncio.sleep(1)
    print("end main")
    g = ticker(5)
    await g.__anext__()
    print("leaving main with a live generator")

asyncio.run(main())
print("after run")
