import asyncio


async def work(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
        if fail:
            raise ValueError(name)
        print(name, "done")
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def inner_group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work("inner-a", 1))
        tg.create_task(work("inner-b", 2, fail=True))
        tg.create_task(work("inner-c", 3))


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(inner_group())
            tg.create_task(work("outer-x", 2.5))
            tg.create_task(work("outer-y", 0.5))
    except* ValueError as eg:
        print("outer caught:", repr(eg.exceptions[0]))
        print("nested:", repr(eg.exceptions[0].exceptions))
    print("at", asyncio.get_running_loop().time())


asyncio.run(main())
