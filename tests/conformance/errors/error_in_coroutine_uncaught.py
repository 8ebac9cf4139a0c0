import asyncio


async def fetch_user(user_id):
    await asyncio.sleep(0.5)
    users = {1: "ann"}
    return users[user_id]


async def main():
    print(await fetch_user(1))
    print(await fetch_user(2))


asyncio.run(main())
