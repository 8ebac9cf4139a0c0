import asyncio


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "finished")
        return name
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    group = asyncio.gather(child("a", 0.5), child("b", 2), child("c", 3))
    await asyncio.sleep(1)
    print("cancel returns", group.cancel())
    try:
        await group
    except asyncio.CancelledError:
        print("gather cancelled:", group.cancelled())


asyncio.run(main())
