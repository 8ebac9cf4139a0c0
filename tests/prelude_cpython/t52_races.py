# Races at equal deadlines and cancellation corner cases.
import asyncio

async def val(v, d):
    await asyncio.sleep(d)
    print("val done", v)
    return v

async def main():
    loop = asyncio.get_running_loop()
    # The inner task and the timeout expire at the same time.
    try:
        print("wait_for tie:", await asyncio.wait_for(val("a", 1), 1))
    except TimeoutError:
        print("wait_for tie: timeout")
    try:
        async with asyncio.timeout(1):
            print("timeout tie:", await val("b", 1))
    except TimeoutError:
        print("timeout tie: timeout")
    # Timeout created before the sleep at the same deadline.
    try:
        async with asyncio.timeout_at(loop.time() + 1):
            await asyncio.sleep(1)
            print("slept to the deadline")
    except TimeoutError:
        print("deadline won")
    # Duplicate futures in gather.
    t = asyncio.create_task(val("dup", 0.5))
    print(await asyncio.gather(t, t, val("other", 0.5)))
    # Cancelling a gather with return_exceptions=True.
    g = asyncio.gather(val("g1", 2), val("g2", 3), return_exceptions=True)
    loop.call_later(1, g.cancel)
    try:
        print(await g)
    except asyncio.CancelledError:
        print("gather(return_exceptions=True) cancelled")
    # TaskGroup whose parent is cancelled from outside.
    async def grouped():
        async with asyncio.TaskGroup() as tg:
            tg.create_task(val("tg1", 5))
            tg.create_task(val("tg2", 5))
    gt = asyncio.create_task(grouped())
    await asyncio.sleep(1)
    gt.cancel()
    try:
        await gt
    except asyncio.CancelledError:
        print("group cancelled from outside at", loop.time())
    # Shield of a task that fails.
    async def failing():
        await asyncio.sleep(0.5)
        raise KeyError("k")
    try:
        await asyncio.shield(failing())
    except KeyError as e:
        print("shield passed the error", e)
    # wait_for whose inner task swallows the cancellation.
    async def stubborn():
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            print("stubborn swallows")
            return "kept"
    try:
        print("wait_for stubborn:", await asyncio.wait_for(stubborn(), 1))
    except TimeoutError:
        print("wait_for stubborn: timeout")
    # Many timers at one deadline, interleaved with call_soon.
    for i in range(5):
        loop.call_later(0.5, print, "timer", i)
        loop.call_soon(print, "soon", i)
    await asyncio.sleep(0.5)
    print("main at", loop.time())
    await asyncio.sleep(0)
    print("end")

asyncio.run(main())
