import asyncio

async def work(name, d):
    await asyncio.sleep(d)
    print("done", name)
    return name

async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(work("a", 2))
        t2 = tg.create_task(work("b", 1), name="bee")
        print("created", t1.get_name(), t2.get_name())
    print("results", t1.result(), t2.result())

asyncio.run(main())
