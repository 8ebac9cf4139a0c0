import asyncio


async def stubborn():
    try:
        await asyncio.sleep(5)
    except Exception:
        print("never: CancelledError is not an Exception")
    return "finished"


async def main():
    print(issubclass(asyncio.CancelledError, BaseException),
          issubclass(asyncio.CancelledError, Exception))
    task = asyncio.create_task(stubborn())
    await asyncio.sleep(1)
    task.cancel()
    try:
        await task
    except BaseException as e:
        print("caught", type(e).__name__)


asyncio.run(main())
