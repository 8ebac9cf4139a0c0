# sequential-status: deadlock
import asyncio

async def producer(q, n):
    for i in range(n):
        await q.put(i)
        print("put", i, "size", q.qsize())
        await asyncio.sleep(0.1)
    await q.put(None)

async def consumer(q, name):
    while True:
        item = await q.get()
        if item is None:
            q.task_done()
            await q.put(None)
            break
        print(name, "got", item)
        await asyncio.sleep(0.25)
        q.task_done()

async def main():
    q = asyncio.Queue(maxsize=2)
    consumers = [asyncio.create_task(consumer(q, f"c{i}")) for i in range(2)]
    await producer(q, 6)
    await q.join()
    print("joined at", asyncio.get_running_loop().time())
    await asyncio.gather(*consumers)
    print(q.qsize(), q.empty(), q.full())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("empty")

asyncio.run(main())
