import asyncio


def log(msg):
    print(msg, asyncio.get_running_loop().time())


async def main():
    loop = asyncio.get_running_loop()
    now = loop.time()
    loop.call_later(1, log, "later 1 (first)")
    loop.call_at(now + 0.5, log, "at 0.5")
    loop.call_soon(log, "soon A")
    loop.call_later(1, log, "later 1 (second)")
    loop.call_soon(log, "soon B")
    handle = loop.call_later(0.7, log, "cancelled, never printed")
    loop.call_later(0, log, "later 0")
    handle.cancel()
    print("scheduled")
    await asyncio.sleep(2)


asyncio.run(main())
