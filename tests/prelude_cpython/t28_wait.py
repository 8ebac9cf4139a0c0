import asyncio

async def job(name, n, fail=False):
    await asyncio.sleep(n)
    if fail:
        raise RuntimeError(name)
    return name

async def main():
    a = asyncio.create_task(job("a", 1))
    b = asyncio.create_task(job("b", 2))
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending), a in done, b in pending)
    done, pending = await asyncio.wait([b])
    print(len(done), len(pending), b.result())
    c = asyncio.create_task(job("c", 1, fail=True))
    d = asyncio.create_task(job("d", 3))
    done, pending = await asyncio.wait([c, d], return_when=asyncio.FIRST_EXCEPTION)
    print("first exception:", c in done, d in pending, c.exception())
    done, pending = await asyncio.wait([d], timeout=0.5)
    print("timeout:", len(done), len(pending), asyncio.get_running_loop().time())
    await d
    try:
        await asyncio.wait([])
    except ValueError as e:
        print(e)

asyncio.run(main())
