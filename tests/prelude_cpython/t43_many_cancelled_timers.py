import asyncio

async def quick(i):
    await asyncio.sleep(0.001 * (i % 7))
    return i

async def main():
    total = 0
    for i in range(150):
        total += await asyncio.wait_for(quick(i), timeout=100 + i)
    print("total", total)
    tasks = [asyncio.create_task(asyncio.sleep(50 + i)) for i in range(120)]
    await asyncio.sleep(0)
    for t in tasks[:90]:
        t.cancel()
    await asyncio.sleep(1)
    print(sum(t.cancelled() for t in tasks))
    for t in tasks[90:]:
        t.cancel()
    await asyncio.sleep(0)
    print(asyncio.get_running_loop().time())

asyncio.run(main())
