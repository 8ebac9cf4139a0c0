import asyncio


async def worker():
    try:
        print("worker sleeping")
        await asyncio.sleep(5)
    finally:
        print("worker cleanup starts")
        try:
            await asyncio.sleep(1)
            print("cleanup finished normally")
        except asyncio.CancelledError:
            print("cleanup was cancelled too")
            raise
        finally:
            print("inner finally")


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(1)
    task.cancel()
    await asyncio.sleep(0.5)
    print("main cancels again at", asyncio.get_running_loop().time())
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("task cancelled:", task.cancelled())


asyncio.run(main())
