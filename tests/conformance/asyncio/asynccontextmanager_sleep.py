import asyncio
from contextlib import asynccontextmanager, aclosing, nullcontext, suppress


@asynccontextmanager
async def connection(name, delay):
    print(f"open {name}")
    await asyncio.sleep(delay)
    try:
        yield f"conn-{name}"
    except ValueError as e:
        print(f"{name} saw {e!r}")
        await asyncio.sleep(0.5)
        print(f"{name} handled it")
    finally:
        await asyncio.sleep(delay)
        print(f"close {name}")


async def worker(name, delay):
    async with connection(name, delay) as c:
        print(name, "using", c)
        await asyncio.sleep(1)
        if name == "b":
            raise ValueError("bad b")
        if name == "c":
            raise KeyError("bad c")
    return name


@asynccontextmanager
async def timed(label):
    loop = asyncio.get_running_loop()
    start = loop.time()
    yield
    print(label, "took", loop.time() - start)


async def numbers():
    try:
        for i in range(10):
            yield i
            await asyncio.sleep(0.1)
    finally:
        print("numbers closed")


@timed("decorated")
async def decorated():
    await asyncio.sleep(0.25)
    return "done"


async def main():
    async with timed("gather"):
        results = await asyncio.gather(
            worker("a", 1), worker("b", 0.5), worker("c", 0.25),
            return_exceptions=True)
    print([r if isinstance(r, str) else repr(r) for r in results])
    async with aclosing(numbers()) as gen:
        async for n in gen:
            print("n", n)
            if n == 2:
                break
    async with nullcontext("nc") as v:
        print("async nullcontext", v)
    with suppress(asyncio.TimeoutError):
        async with timed("never printed"):
            await asyncio.wait_for(asyncio.sleep(5), 0.5)
    print(await decorated())


asyncio.run(main())
