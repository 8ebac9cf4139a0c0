import asyncio

async def never():
    print("never printed")

async def quick():
    print("quick runs")
    return 1

async def main():
    t = asyncio.create_task(never())
    t.cancel()
    q = asyncio.create_task(quick())
    await asyncio.sleep(0)
    print(t.cancelled(), q.done(), q.result())
    u = asyncio.create_task(quick())
    await asyncio.sleep(0)
    u.cancel()
    print("u", u.cancelled(), u.done())

asyncio.run(main())
