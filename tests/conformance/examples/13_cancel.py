import asyncio


async def download(name, seconds):
    print(f"{name}: started, needs {seconds} seconds")
    try:
        for done in range(1, seconds + 1):
            await asyncio.sleep(1)
            print(f"{name}: {done} of {seconds} seconds done")
    except asyncio.CancelledError:
        print(f"{name}: cancelled, cleaning up")
        raise  # let the task end as cancelled
    return f"{name} complete"


async def main():
    task = asyncio.create_task(download("big file", 5))
    await asyncio.sleep(2.5)

    print("main: that takes too long, cancelling")
    task.cancel()
    try:
        result = await task
        print(f"main: {result}")
    except asyncio.CancelledError:
        print("main: the download was cancelled")
    print("task.cancelled() is", task.cancelled())


asyncio.run(main())
