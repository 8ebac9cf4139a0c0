import asyncio


async def child():
    await asyncio.sleep(0.5)
    raise KeyError("child")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child())
            await asyncio.sleep(0.5)
            raise ValueError("body")
    except* ValueError as eg:
        print("ValueError part:", eg.exceptions)
    except* KeyError as eg:
        print("KeyError part:", eg.exceptions)


asyncio.run(main())
