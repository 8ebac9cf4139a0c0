import asyncio


async def background(i):
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print("shutdown cancelled", i)
        raise


async def main():
    for i in range(10):
        asyncio.create_task(background(i))
    await asyncio.sleep(1)
    print("main returns")


asyncio.run(main())
