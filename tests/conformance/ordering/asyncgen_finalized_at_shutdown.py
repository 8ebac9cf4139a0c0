import asyncio

async def ticker(n):
    try:
        for i in range(n):
            yield i
            await asyncio.sleep(0.1)
    except BaseException as e:
        print("ticker got", type(e).__name__)
        raise
    finally:
        print("cleanup start")
        try:
            await asyncio.sleep(0.5)
        except BaseException as e:
            print("sleep got", type(e).__name__)
            raise
        print("cleanup done")

async def main():
    g = ticker(5)
    await g.__anext__()
    print("leaving main with a live generator")

asyncio.run(main())
print("after run")
