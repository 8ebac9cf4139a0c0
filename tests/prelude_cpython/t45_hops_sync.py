# Hop counting for the synchronization primitives and queues.
import asyncio

async def ticker(n=8):
    for i in range(n):
        print("  tick", i)
        await asyncio.sleep(0)

async def both(*coros):
    await asyncio.gather(ticker(), *coros)

async def main():
    lock = asyncio.Lock()

    async def holder():
        async with lock:
            print("holder has lock")
            await asyncio.sleep(0)
            await asyncio.sleep(0)
        print("holder released")

    async def contender():
        async with lock:
            print("contender has lock")

    print("== lock")
    await both(holder(), contender())

    ev = asyncio.Event()

    async def setter():
        await asyncio.sleep(0)
        ev.set()
        print("event set")

    async def ev_waiter():
        await ev.wait()
        print("event seen")

    print("== event")
    await both(ev_waiter(), setter())

    q = asyncio.Queue(maxsize=1)

    async def prod():
        for i in range(3):
            await q.put(i)
            print("put", i)

    async def cons():
        for i in range(3):
            print("got", await q.get())

    print("== queue")
    await both(cons(), prod())

    sem = asyncio.Semaphore(1)

    async def user(n):
        async with sem:
            print("sem", n)
            await asyncio.sleep(0)

    print("== semaphore")
    await both(user(1), user(2), user(3))

    cond = asyncio.Condition()

    async def cwait():
        async with cond:
            await cond.wait()
            print("cond woke")

    async def cnotify():
        await asyncio.sleep(0)
        async with cond:
            cond.notify_all()
            print("notified")

    print("== condition")
    await both(cwait(), cnotify())

    print("== join")
    q2 = asyncio.Queue()

    async def worker():
        while True:
            item = await q2.get()
            print("work", item)
            q2.task_done()

    w = asyncio.create_task(worker())
    for i in range(3):
        q2.put_nowait(i)

    async def joiner():
        await q2.join()
        print("joined")

    await both(joiner())
    w.cancel()

asyncio.run(main())
