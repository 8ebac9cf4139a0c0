import asyncio

async def consumer(cond, name, box):
    async with cond:
        await cond.wait_for(lambda: box)
        print(name, "took", box.pop())

async def main():
    cond = asyncio.Condition()
    box = []
    tasks = [asyncio.create_task(consumer(cond, f"c{i}", box)) for i in range(3)]
    await asyncio.sleep(0.1)
    for i in range(3):
        async with cond:
            box.append(i)
            cond.notify()
        await asyncio.sleep(0.1)
    await asyncio.gather(*tasks)
    async with cond:
        cond.notify_all()
    print("done")

asyncio.run(main())
