import asyncio

async def counter(n):
    for i in range(n):
        print("hop", i)
        await asyncio.sleep(0)

async def waiter(fut):
    print("waiting")
    v = await fut
    print("got", v)

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("callback sees", f.result()))
    c = asyncio.create_task(counter(6))
    w = asyncio.create_task(waiter(fut))
    await asyncio.sleep(0)
    print("setting")
    fut.set_result(7)
    fut.add_done_callback(lambda f: print("late callback"))
    await c
    await w
    t = asyncio.create_task(counter(1))
    t.add_done_callback(lambda f: print("task done cb", f.result()))
    await t
    print("after await t")
    await asyncio.sleep(0)
    print("end")

asyncio.run(main())
