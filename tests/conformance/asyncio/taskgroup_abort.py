import asyncio


async def worker(name, delay):
    try:
        await asyncio.sleep(delay)
        print(f"{name} finished")
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def failing(delay):
    await asyncio.sleep(delay)
    print("failing raises")
    raise ValueError("bad value")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(worker("fast", 0.5))
            tg.create_task(failing(1))
            tg.create_task(worker("slow", 3))
            tg.create_task(worker("slower", 4))
    except* ValueError as eg:
        print("caught:", eg.exceptions)
        print(type(eg).__name__, str(eg))
    print("after group at", asyncio.get_running_loop().time())


asyncio.run(main())
