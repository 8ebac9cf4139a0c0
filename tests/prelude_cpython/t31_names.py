import asyncio

async def child():
    t = asyncio.current_task()
    print("child name", t.get_name())
    await asyncio.sleep(0)

async def main():
    me = asyncio.current_task()
    print("main name", me.get_name())
    t1 = asyncio.create_task(child())
    t2 = asyncio.create_task(child(), name="custom")
    t3 = asyncio.get_running_loop().create_task(child(), name="loop-named")
    t4 = asyncio.create_task(child())
    t5 = asyncio.ensure_future(child())
    await asyncio.gather(t1, t2, t3, t4, t5)
    print([t.get_name() for t in (t1, t2, t3, t4, t5)])
    t4.set_name(99)
    print(t4.get_name(), len(asyncio.all_tasks()), asyncio.all_tasks() == {me})
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(child())
        b = tg.create_task(child(), name="tg-named")
    print(a.get_name(), b.get_name())
    print(asyncio.create_task(child()).get_name())

asyncio.run(main())
