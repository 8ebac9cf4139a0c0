import asyncio


def log(name):
    print(name, repr(asyncio.get_running_loop().time()))


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(1, log, "at 1")
    loop.call_later(1 + 5e-10, log, "within the 1e-9 window")
    loop.call_later(1 + 2e-9, log, "just outside the window")
    loop.call_later(1 + 1e-6, log, "a microsecond later")
    await asyncio.sleep(2)


asyncio.run(main())
