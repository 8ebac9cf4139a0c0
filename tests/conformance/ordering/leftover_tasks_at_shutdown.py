import asyncio


async def background(name):
    try:
        print(name, "started")
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print(name, "cancelled at shutdown")
        await asyncio.sleep(0.5)
        print(name, "finished its cleanup")
        raise


async def main():
    asyncio.create_task(background("bg1"))
    asyncio.create_task(background("bg2"))
    await asyncio.sleep(1)
    print("main returns")
    return "main done"


print(asyncio.run(main()))
print("after run")
