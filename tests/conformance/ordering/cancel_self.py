import asyncio


async def job():
    print("job cancels itself")
    asyncio.current_task().cancel()
    print("still running until the next await")
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError:
        print("CancelledError at the await")
    print("job swallowed it and returns")
    return "survived"


async def main():
    task = asyncio.create_task(job())
    print(await task, task.cancelled())


asyncio.run(main())
