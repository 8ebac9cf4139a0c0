import asyncio


async def job(n):
    await asyncio.sleep(n / 10)
    return n * n


async def main():
    print(asyncio.current_task().get_name())
    a = asyncio.create_task(job(1))
    b = asyncio.create_task(job(2), name="second job")
    c = asyncio.create_task(job(3))
    print(a.get_name(), "|", b.get_name(), "|", c.get_name())
    c.set_name("renamed")
    print(c.get_name())
    print(await a, await b, await c)


asyncio.run(main())
