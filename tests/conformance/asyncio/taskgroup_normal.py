import asyncio


async def worker(name, delay):
    print(f"{name} start")
    await asyncio.sleep(delay)
    print(f"{name} end")
    return name * 2


async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(worker("a", 2))
        t2 = tg.create_task(worker("b", 1), name="bee")
        print("tasks created:", t2.get_name())
    print("all done:", t1.result(), t2.result())


asyncio.run(main())
