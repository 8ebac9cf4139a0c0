import asyncio

# A child fails in its very first step. Its siblings' first steps are already
# in the same loop iteration, so they run before the group hears of the
# failure (done callbacks run one iteration later) and cancels them.


async def instant_failure():
    raise RuntimeError("failed in its first step")


async def sibling(i):
    print("sibling", i, "runs its first step")
    await asyncio.sleep(1)
    print("sibling", i, "never gets here")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(instant_failure())
            tg.create_task(sibling(1))
            tg.create_task(sibling(2))
            print("body finished creating tasks")
    except* RuntimeError as eg:
        print("caught", eg.exceptions, "at", asyncio.get_running_loop().time())


asyncio.run(main())
