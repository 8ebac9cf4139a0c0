import asyncio


async def job():
    return 1


async def main():
    coro = job()
    print(await coro)
    try:
        await coro
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        await 5
    except TypeError as e:
        print("TypeError:", e)
    task = asyncio.create_task(asyncio.sleep(1))
    try:
        task.exception()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    try:
        task.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    await task
    try:
        asyncio.create_task(5)
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
