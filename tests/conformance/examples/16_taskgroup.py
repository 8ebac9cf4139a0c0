import asyncio


async def fetch(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{name}: done after {seconds} s")
    return name


async def broken(seconds):
    await asyncio.sleep(seconds)
    print(f"broken: failing after {seconds} s")
    raise ValueError("the server said no")


async def main():
    # The group waits for all its tasks at the end of the `async with`.
    async with asyncio.TaskGroup() as tg:
        users = tg.create_task(fetch("users", 1))
        orders = tg.create_task(fetch("orders", 2))
    print("both fetched:", users.result(), orders.result())

    # When one task fails, the group cancels the others and raises.
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fetch("profile", 3))
            tg.create_task(broken(1.5))
    except* ValueError as group:
        print("the group failed:", group.exceptions[0])


asyncio.run(main())
