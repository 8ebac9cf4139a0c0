import asyncio

# Which calls create tasks (and so use up a Task-N number)?


async def noop():
    await asyncio.sleep(0)


async def name():
    return asyncio.current_task().get_name()


async def main():
    print("main:", asyncio.current_task().get_name())
    print("gather children:", await asyncio.gather(name(), name()))
    print("wait_for inner:", await asyncio.wait_for(name(), timeout=1))
    print("shield inner:", await asyncio.shield(name()))
    async with asyncio.timeout(1):
        print("inside timeout:", await name())
    print("plain await:", await name())
    print("next create_task:", await asyncio.create_task(name()))
    async with asyncio.TaskGroup() as tg:
        t = tg.create_task(name())
    print("task group child:", t.result())
    print("ensure_future:", await asyncio.ensure_future(name()))


asyncio.run(main())
