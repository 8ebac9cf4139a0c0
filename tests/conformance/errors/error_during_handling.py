import asyncio


async def cleanup():
    await asyncio.sleep(0.5)
    raise OSError("cleanup failed too")


async def main():
    try:
        await asyncio.sleep(1)
        raise KeyError("original")
    except KeyError:
        print("handling the KeyError")
        await cleanup()


asyncio.run(main())
