import asyncio


async def inner():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("inner: cancelled")
        raise


async def outer():
    try:
        await asyncio.wait_for(inner(), timeout=10)
    except asyncio.CancelledError:
        print("outer: cancelled")
        raise


async def main():
    task = asyncio.create_task(outer())
    await asyncio.sleep(1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("main: task is cancelled:", task.cancelled())


asyncio.run(main())
