import asyncio


async def answer():
    await asyncio.sleep(1)
    return 42


async def main():
    task = asyncio.ensure_future(answer())
    print(type(task).__name__, task.get_name())
    same = asyncio.ensure_future(task)
    print("same object:", same is task)
    print("result:", await task)


asyncio.run(main())
