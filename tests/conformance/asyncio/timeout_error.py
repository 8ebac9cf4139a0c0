import asyncio


async def main():
    print(asyncio.TimeoutError is TimeoutError)
    print(issubclass(TimeoutError, OSError))
    try:
        await asyncio.wait_for(asyncio.sleep(2), 1)
    except TimeoutError as e:
        print("builtin TimeoutError caught:", type(e).__name__)


asyncio.run(main())
