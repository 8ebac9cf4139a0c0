import asyncio


async def main():
    q = asyncio.Queue(maxsize=1)
    q.put_nowait("a")
    print("full:", q.full(), "size:", q.qsize(), "maxsize:", q.maxsize)
    try:
        q.put_nowait("b")
    except asyncio.QueueFull:
        print("QueueFull raised")
    print(q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty raised")
    try:
        q.task_done()
        q.task_done()
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
