import asyncio


async def waiter(fut):
    try:
        value = await fut
        print("waiter got", value)
    except asyncio.CancelledError:
        print("waiter cancelled even though the future had a result")
        raise


async def main():
    fut = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(waiter(fut))
    await asyncio.sleep(0)
    fut.set_result("value")
    print("cancel() returns", task.cancel())
    await asyncio.gather(task, return_exceptions=True)
    print("task cancelled:", task.cancelled())


asyncio.run(main())
