import asyncio


async def producer(queue, n):
    for i in range(n):
        await queue.put(i)
        print(f"produced {i} (size {queue.qsize()})")
        await asyncio.sleep(0.25)
    await queue.put(None)


async def consumer(queue):
    while True:
        item = await queue.get()
        if item is None:
            break
        print(f"consumed {item}")
        await asyncio.sleep(1)


async def main():
    queue = asyncio.Queue(maxsize=2)
    await asyncio.gather(producer(queue, 5), consumer(queue))
    print("empty:", queue.empty())


asyncio.run(main())
