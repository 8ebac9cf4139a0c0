import asyncio


async def gives_up():
    await asyncio.sleep(1)
    print("raising CancelledError by hand")
    raise asyncio.CancelledError("by hand")


async def main():
    task = asyncio.create_task(gives_up())
    try:
        await task
    except asyncio.CancelledError as e:
        print("main sees CancelledError", e.args)
    print("task.cancelled():", task.cancelled())


asyncio.run(main())
