import asyncio


async def child(name):
    try:
        await asyncio.sleep(1)
        print(name, "finished")
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("one"))
            tg.create_task(child("two"))
            await asyncio.sleep(0.5)
            raise KeyError("body")
    except* KeyError as eg:
        print("caught", repr(eg.exceptions[0]))


asyncio.run(main())
