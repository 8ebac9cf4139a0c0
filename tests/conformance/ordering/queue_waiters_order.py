import asyncio


async def consumer(name, q):
    item = await q.get()
    print(name, "got", item)


async def main():
    q = asyncio.Queue()
    tasks = [asyncio.create_task(consumer(f"c{i}", q)) for i in range(3)]
    await asyncio.sleep(0)
    for item in "xyz":
        q.put_nowait(item)
        print("put", item)
    await asyncio.gather(*tasks)
    full = asyncio.Queue(1)
    await full.put(1)

    async def putter(v):
        await full.put(v)
        print("put", v, "went in")

    putters = [asyncio.create_task(putter(v)) for v in (2, 3)]
    await asyncio.sleep(0)
    for _ in range(3):
        print("got", await full.get())
    await asyncio.gather(*putters)


asyncio.run(main())
