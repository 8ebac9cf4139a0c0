# aclose() is an awaitable: the generator's finally (or except GeneratorExit) may
# await, and other tasks run meanwhile.
import asyncio
from contextlib import aclosing


async def ticker(name, n):
    try:
        for i in range(n):
            yield i
            await asyncio.sleep(0.1)
    finally:
        print(name, "cleanup start")
        await asyncio.sleep(0.5)
        print(name, "cleanup done")


async def stubborn():
    try:
        yield 1
    finally:
        yield 2


async def failing():
    try:
        yield 1
    finally:
        await asyncio.sleep(0.1)
        raise ValueError("cleanup failed")


async def catches_exit():
    try:
        yield 1
    except GeneratorExit:
        print("caught GeneratorExit")
        await asyncio.sleep(0.2)
        raise


async def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        return


async def other():
    for i in range(4):
        print("other", i)
        await asyncio.sleep(0.2)


async def main():
    g = ticker("a", 10)
    async for v in g:
        print("got", v)
        if v == 2:
            break
    side = asyncio.create_task(other())
    await g.aclose()
    print("closed a")
    await g.aclose()
    print("closed a again")
    await side

    fresh = ticker("never started", 3)
    await fresh.aclose()
    print("a generator never started closes at once")
    try:
        await fresh.__anext__()
    except StopAsyncIteration:
        print("and then it is exhausted")

    done = ticker("finished", 1)
    async for v in done:
        print("finished got", v)
    await done.aclose()
    print("an exhausted generator closes at once")

    s = stubborn()
    await s.__anext__()
    try:
        await s.aclose()
    except RuntimeError as e:
        print("RuntimeError:", e)

    f = failing()
    await f.__anext__()
    try:
        await f.aclose()
    except ValueError as e:
        print("ValueError:", e)

    c = catches_exit()
    await c.__anext__()
    print("aclose ->", await c.aclose())

    r = returns_on_exit()
    await r.__anext__()
    print("aclose ->", await r.aclose())

    async with aclosing(ticker("b", 5)) as b:
        async for v in b:
            print("b got", v)
            if v == 1:
                break
    print("after aclosing")

    awaitable = ticker("c", 2)
    await awaitable.__anext__()
    pending = awaitable.aclose()
    print("aclose() alone runs nothing yet")
    await pending
    print("end", asyncio.get_running_loop().time())


asyncio.run(main())
