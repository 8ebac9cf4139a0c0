import asyncio


async def work():
    await asyncio.sleep(2)
    print("work completes anyway")
    return 7


async def waiter(inner):
    try:
        return await asyncio.shield(inner)
    except asyncio.CancelledError:
        print("waiter cancelled, inner done?", inner.done())
        raise


async def main():
    inner = asyncio.create_task(work())
    w = asyncio.create_task(waiter(inner))
    await asyncio.sleep(1)
    w.cancel()
    await asyncio.sleep(0)
    print("waiter cancelled:", w.cancelled())
    print("inner:", await inner)


asyncio.run(main())
