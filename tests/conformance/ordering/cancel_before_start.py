import asyncio


async def never():
    print("never printed")


async def main():
    task = asyncio.create_task(never())
    task.cancel()
    print("cancelled before it started; done:", task.done())
    try:
        await task
    except asyncio.CancelledError:
        print("awaiting gives CancelledError; cancelled:", task.cancelled())


asyncio.run(main())
