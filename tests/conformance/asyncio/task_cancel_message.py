import asyncio


async def sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("sleeper got:", e.args)
        raise


async def main():
    task = asyncio.create_task(sleeper())
    await asyncio.sleep(1)
    print("cancel returns", task.cancel("stop now"))
    try:
        await task
    except asyncio.CancelledError as e:
        print("main got:", e.args)
    print("cancelled:", task.cancelled(), "cancel again:", task.cancel())


asyncio.run(main())
