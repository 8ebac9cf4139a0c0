import asyncio

async def waiter(ev, name):
    print(name, "waiting")
    await ev.wait()
    print(name, "released")

async def main():
    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(ev, f"w{i}")) for i in range(3)]
    await asyncio.sleep(1)
    print("setting", ev.is_set())
    ev.set()
    await asyncio.gather(*tasks)
    print(await ev.wait(), ev.is_set())
    ev.clear()
    print(ev.is_set())

asyncio.run(main())
