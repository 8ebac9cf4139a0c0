import asyncio


async def fails():
    await asyncio.sleep(1)
    print("fails raises at", asyncio.get_running_loop().time())
    raise LookupError("nothing here")


async def main():
    task = asyncio.create_task(fails())
    await asyncio.sleep(2)
    print("task done:", task.done())
    try:
        await task
    except LookupError as e:
        print("awaited at", asyncio.get_running_loop().time(), "->", repr(e))


asyncio.run(main())
