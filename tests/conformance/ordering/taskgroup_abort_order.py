import asyncio


async def child(name, delay, fail=False):
    try:
        print(name, "started")
        await asyncio.sleep(delay)
        if fail:
            raise ValueError(name)
        print(name, "finished")
    except asyncio.CancelledError:
        print(name, "cancelled")
        await asyncio.sleep(0.5)
        print(name, "cleanup done")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("A", 3))
            tg.create_task(child("B", 1, fail=True))
            tg.create_task(child("C", 2))
            tg.create_task(child("D", 1, fail=True))
            print("body done")
    except* ValueError as eg:
        print("errors:", sorted(str(e) for e in eg.exceptions))
    print("time", asyncio.get_running_loop().time())


asyncio.run(main())
