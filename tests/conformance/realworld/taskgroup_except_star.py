# TaskGroup error handling with except* (Python 3.11)
import asyncio


async def fetch_user(uid: int) -> dict:
    await asyncio.sleep(0.1 * uid)
    if uid == 3:
        raise ValueError(f"user {uid} not found")
    if uid == 4:
        raise KeyError(uid)
    return {"id": uid, "name": f"user{uid}"}


async def main():
    users = []
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(fetch_user(i)) for i in range(1, 6)]
    except* ValueError as eg:
        for e in eg.exceptions:
            print(f"ValueError: {e}")
    except* KeyError as eg:
        print(f"KeyError group: {eg!r}")
    for t in tasks:
        if t.cancelled():
            print(f"{t.get_name()} cancelled")
        elif t.exception() is None:
            users.append(t.result())
    print("users:", users)

    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(fetch_user(1))
        t2 = tg.create_task(fetch_user(2))
    print("both:", t1.result()["name"], t2.result()["name"])


asyncio.run(main())
