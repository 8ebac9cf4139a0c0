import asyncio

# Cancelling a task that awaits another task cancels that task too.


async def child():
    try:
        await asyncio.sleep(5)
        return "child result"
    except asyncio.CancelledError:
        print("child cancelled too")
        raise


async def parent(task):
    try:
        return await task
    except asyncio.CancelledError:
        print("parent cancelled")
        raise


async def main():
    c = asyncio.create_task(child())
    p = asyncio.create_task(parent(c))
    await asyncio.sleep(1)
    p.cancel()
    await asyncio.gather(p, c, return_exceptions=True)
    print("child cancelled:", c.cancelled(), "parent cancelled:", p.cancelled())
    c2 = asyncio.create_task(child())
    p2 = asyncio.create_task(parent(asyncio.shield(c2)))
    await asyncio.sleep(1)
    p2.cancel()
    await asyncio.gather(p2, return_exceptions=True)
    print("shielded child still running:", not c2.done())
    c2.cancel()
    await asyncio.gather(c2, return_exceptions=True)


asyncio.run(main())
