# Hop counting: a ticker prints at every loop iteration, so each print of the
# section under test lands between ticks exactly where CPython puts it.
import asyncio

async def ticker(n=10):
    for i in range(n):
        print("  tick", i)
        await asyncio.sleep(0)

async def value(v):
    return v

async def sleepy(v, d=0):
    await asyncio.sleep(d)
    return v

async def section(name, coro):
    print("==", name)
    await asyncio.gather(ticker(), coro)

async def s_await_task():
    t = asyncio.create_task(value(1))
    print("awaited task", await t)

async def s_gather():
    print("gather", await asyncio.gather(value(1), value(2), sleepy(3)))

async def s_gather_nested():
    print("nested", await asyncio.gather(asyncio.gather(value(1)), value(2)))

async def s_wait_for():
    print("wait_for", await asyncio.wait_for(value(5), 10))

async def s_wait_for_sleep():
    print("wait_for sleepy", await asyncio.wait_for(sleepy(5), 10))

async def s_wait():
    t = asyncio.create_task(value(1))
    done, pending = await asyncio.wait([t])
    print("wait", len(done))

async def s_as_completed():
    # Tasks, not coroutines: CPython would create them in set (address) order.
    for c in asyncio.as_completed([asyncio.create_task(value(1)), asyncio.create_task(sleepy(2))]):
        print("as_completed", await c)

async def s_shield():
    print("shield", await asyncio.shield(value(3)))

async def s_ensure_future():
    print("ensure_future", await asyncio.ensure_future(value(4)))

async def s_sleep_result():
    print("sleep result", await asyncio.sleep(0, "r0"))

async def s_cancel():
    t = asyncio.create_task(sleepy(1, 5))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancel observed")

async def s_cancel_self():
    t = asyncio.current_task()
    t.cancel()
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError:
        print("self cancel observed", t.uncancel())

async def s_taskgroup():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(value(1))
        tg.create_task(sleepy(2))
    print("taskgroup exited")

async def s_timeout():
    async with asyncio.timeout(10):
        await value(1)
    print("timeout exited")

async def s_future_callback():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    f.add_done_callback(lambda f: print("callback"))
    loop.call_soon(f.set_result, 1)
    print("future", await f)

async def main():
    for name, fn in list(globals().items()):
        if name.startswith("s_"):
            await section(name, fn())

asyncio.run(main())
