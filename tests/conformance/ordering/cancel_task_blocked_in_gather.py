import asyncio


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "finished")
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def parent():
    try:
        await asyncio.gather(child("c1", 1), child("c2", 5), child("c3", 10))
    except asyncio.CancelledError:
        print("parent cancelled")
        raise


async def main():
    task = asyncio.create_task(parent())
    await asyncio.sleep(2)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("main sees cancelled:", task.cancelled())
    await asyncio.sleep(10)
    print("nothing else ran")


asyncio.run(main())
