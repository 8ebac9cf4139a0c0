import asyncio

async def w(name, d):
    await asyncio.sleep(d)
    print("woke", name)
    await asyncio.sleep(d)
    print("woke again", name)

async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(w(f"t{i}", 1 if i % 2 else 0.5)) for i in range(6)]
    loop.call_later(1, print, "call_later 1")
    loop.call_at(loop.time() + 0.5, print, "call_at 0.5")
    await asyncio.sleep(1)
    print("main woke at 1")
    await asyncio.gather(*tasks)
    print(loop.time())

asyncio.run(main())
