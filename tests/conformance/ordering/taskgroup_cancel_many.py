import asyncio

# When one child fails, the group cancels the others: in creation order.


async def child(i):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("cancelled", i)
        raise


async def failing():
    await asyncio.sleep(1)
    raise RuntimeError("one child failed")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            for i in range(12):
                tg.create_task(child(i))
                if i == 5:
                    tg.create_task(failing())
    except* RuntimeError as eg:
        print("group failed:", eg.exceptions)


asyncio.run(main())
