import asyncio


async def risky_operation():
    await asyncio.sleep(1)
    raise Exception("Something went wrong!")


async def main():
    try:
        await risky_operation()
    except Exception as e:
        print(f"Caught an exception: {e}")


asyncio.run(main())
