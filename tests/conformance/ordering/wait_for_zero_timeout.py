import asyncio


async def instant():
    return "instant"


async def slowish():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("slowish cancelled")
        raise


async def main():
    task = asyncio.create_task(instant())
    await asyncio.sleep(0)
    print(await asyncio.wait_for(task, timeout=0))
    try:
        await asyncio.wait_for(slowish(), timeout=0)
    except asyncio.TimeoutError:
        print("timeout=0 raised TimeoutError")
    try:
        await asyncio.wait_for(slowish(), timeout=-1)
    except asyncio.TimeoutError:
        print("negative timeout raised TimeoutError")
    print(await asyncio.sleep(-5, result="negative sleep is sleep(0)"))


asyncio.run(main())
