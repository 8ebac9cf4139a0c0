import asyncio


async def ok():
    await asyncio.sleep(2)
    print("not reached: cancelled by the group")


async def broken():
    await asyncio.sleep(1)
    raise ValueError("broken child")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(ok())
        tg.create_task(broken())


asyncio.run(main())
