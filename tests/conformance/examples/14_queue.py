import asyncio


async def producer(queue, count):
    for n in range(1, count + 1):
        await asyncio.sleep(0.5)  # making an item takes half a second
        await queue.put(f"item {n}")
        print(f"producer: put item {n}")
    await queue.put(None)  # tell the consumer there is nothing more
    print("producer: done")


async def consumer(queue):
    while True:
        item = await queue.get()  # waits until there is something to take
        if item is None:
            break
        print(f"consumer: working on {item}")
        await asyncio.sleep(1)  # using an item takes a second
        print(f"consumer: finished {item}")
    print("consumer: done")


async def main():
    queue = asyncio.Queue()
    await asyncio.gather(producer(queue, 3), consumer(queue))


asyncio.run(main())
