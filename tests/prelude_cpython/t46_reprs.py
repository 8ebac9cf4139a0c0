import asyncio

async def worker(n):
    await asyncio.sleep(n)
    return "x" * n

async def failer():
    raise ValueError("no")

async def main():
    t = asyncio.create_task(worker(1), name="w")
    print(t)
    await asyncio.sleep(0)
    print(t)
    print(await t)
    print(t)
    f = asyncio.create_task(failer())
    await asyncio.sleep(0)
    print(f)
    print(repr(f.exception()))
    c = asyncio.create_task(worker(40))
    await asyncio.sleep(0)
    c.cancel()
    print(c)
    await asyncio.sleep(0)
    print(c)
    fut = asyncio.get_running_loop().create_future()
    print(fut)
    fut.set_result([1, 2, 3, 4, 5, 6, 7, 8])
    print(fut)
    g = asyncio.gather(worker(0))
    print(g)
    await g
    print(g)
    q = asyncio.Queue()
    print(str(q))
    q.put_nowait(1)
    print(str(q))
    print(asyncio.timeout(None))
    tg = asyncio.TaskGroup()
    print(tg)

asyncio.run(main())
