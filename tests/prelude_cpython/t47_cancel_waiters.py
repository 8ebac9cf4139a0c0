import asyncio

async def ticker(n=6):
    for i in range(n):
        print("  tick", i)
        await asyncio.sleep(0)

async def main():
    lock = asyncio.Lock()
    await lock.acquire()

    async def lw(name):
        try:
            async with lock:
                print(name, "got lock")
        except asyncio.CancelledError:
            print(name, "cancelled waiting for lock")
            raise

    a = asyncio.create_task(lw("a"))
    b = asyncio.create_task(lw("b"))
    await asyncio.sleep(0)
    a.cancel()
    lock.release()
    await asyncio.gather(a, b, ticker(), return_exceptions=True)

    q = asyncio.Queue()

    async def getter(name):
        try:
            print(name, "got", await q.get())
        except asyncio.CancelledError:
            print(name, "getter cancelled")
            raise

    g1 = asyncio.create_task(getter("g1"))
    g2 = asyncio.create_task(getter("g2"))
    await asyncio.sleep(0)
    q.put_nowait("item")
    g1.cancel()
    print(await asyncio.gather(g1, g2, ticker(), return_exceptions=True))

    sem = asyncio.Semaphore(0)

    async def sw(name):
        async with sem:
            print(name, "in semaphore")

    s1 = asyncio.create_task(sw("s1"))
    s2 = asyncio.create_task(sw("s2"))
    await asyncio.sleep(0)
    sem.release()
    s1.cancel()
    print(await asyncio.gather(s1, s2, ticker(), return_exceptions=True))

    cond = asyncio.Condition()

    async def cw():
        async with cond:
            try:
                await cond.wait()
            except asyncio.CancelledError:
                print("condition wait cancelled, lock held:", cond.locked())
                raise

    c = asyncio.create_task(cw())
    await asyncio.sleep(0)
    async with cond:
        c.cancel()
        await asyncio.sleep(0)
        print("still holding")
    print(await asyncio.gather(c, ticker(), return_exceptions=True))

    async def inner():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError as e:
            print("inner cancelled", e.args)
            raise

    async def outer():
        await asyncio.gather(inner(), inner())

    o = asyncio.create_task(outer())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    o.cancel("from main")
    try:
        await o
    except asyncio.CancelledError as e:
        print("outer cancelled", e.args)

    async def slow():
        try:
            await asyncio.sleep(5)
        finally:
            print("slow cleanup")

    w = asyncio.create_task(asyncio.wait_for(slow(), 10))
    await asyncio.sleep(1)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print("wait_for cancelled from outside at", asyncio.get_running_loop().time())

    async def nested():
        async with asyncio.timeout(1) as outer_t:
            try:
                async with asyncio.timeout(5) as inner_t:
                    await asyncio.sleep(3)
            except TimeoutError:
                print("inner timeout?", inner_t.expired())
        print("unreachable?")

    try:
        await nested()
    except TimeoutError:
        print("outer timeout at", asyncio.get_running_loop().time())

asyncio.run(main())
