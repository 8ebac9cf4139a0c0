import asyncio


async def who():
    task = asyncio.current_task()
    print("running in", task.get_name())


async def main():
    print("main is", asyncio.current_task().get_name())
    await who()
    await asyncio.create_task(who(), name="helper")
    await asyncio.gather(who(), who())


asyncio.run(main())
