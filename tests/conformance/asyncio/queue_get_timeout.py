import asyncio


async def main():
    q = asyncio.Queue()
    try:
        await asyncio.wait_for(q.get(), timeout=1)
    except asyncio.TimeoutError:
        print("get timed out at", asyncio.get_running_loop().time())
    q.put_nowait("late item")
    print("size after put:", q.qsize())
    print("got", await asyncio.wait_for(q.get(), timeout=1))

    async def delayed_put():
        await asyncio.sleep(0.5)
        await q.put("delayed")

    asyncio.create_task(delayed_put())
    print("got", await asyncio.wait_for(q.get(), timeout=1), "at", asyncio.get_running_loop().time())


asyncio.run(main())
