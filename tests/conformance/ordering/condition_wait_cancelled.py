import asyncio


async def waiter(cond):
    async with cond:
        try:
            await cond.wait()
        except asyncio.CancelledError:
            print("waiter cancelled; lock held again:", cond.locked())
            raise


async def main():
    cond = asyncio.Condition()
    task = asyncio.create_task(waiter(cond))
    await asyncio.sleep(0.5)
    async with cond:
        task.cancel()
        await asyncio.sleep(0.5)
        print("main still holds the lock; waiter done:", task.done())
    await asyncio.gather(task, return_exceptions=True)
    print("waiter cancelled:", task.cancelled(), "locked:", cond.locked())


asyncio.run(main())
