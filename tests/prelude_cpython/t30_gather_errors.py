import asyncio

async def ok(n):
    await asyncio.sleep(n)
    print("ok", n)
    return n

async def boom(n):
    await asyncio.sleep(n)
    raise ValueError(f"boom {n}")

async def main():
    print(await asyncio.gather(ok(1), boom(0.5), ok(0.2), return_exceptions=True))
    try:
        await asyncio.gather(ok(2), boom(1), ok(3))
    except ValueError as e:
        print("gather raised", e, "at", asyncio.get_running_loop().time())
    await asyncio.sleep(3)
    print("others kept running")
    print(await asyncio.gather())
    g = asyncio.gather(ok(5), ok(6))
    await asyncio.sleep(1)
    print("cancel gather", g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled", g.cancelled())
    r = await asyncio.gather(ok(0.1), asyncio.sleep(0.2, result="slept"), return_exceptions=True)
    print(r)

asyncio.run(main())
