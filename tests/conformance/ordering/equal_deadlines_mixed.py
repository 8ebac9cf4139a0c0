import asyncio


def log(name):
    print(name, asyncio.get_running_loop().time())


async def main():
    loop = asyncio.get_running_loop()
    for i in range(10):
        loop.call_later(2 if i % 3 else 1, log, f"cb{i}")
    loop.call_at(1.0, log, "at 1.0")
    loop.call_later(0.5, log, "half")
    await asyncio.sleep(1)
    print("main after sleep(1)")
    loop.call_later(1, log, "scheduled at 1 for 2")
    await asyncio.sleep(1.5)


asyncio.run(main())
