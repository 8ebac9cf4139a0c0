# contextlib.AsyncExitStack in tasks (async and sync exits, callbacks, pop_all,
# chained exit errors) and functools.lru_cache on async functions: the cache keeps
# the coroutine object, so awaiting it a second time is a RuntimeError.
import asyncio
from contextlib import AsyncExitStack, asynccontextmanager
from functools import lru_cache


@asynccontextmanager
async def connection(name, delay):
    await asyncio.sleep(delay)
    print(f"open {name}")
    try:
        yield f"conn-{name}"
    finally:
        await asyncio.sleep(delay)
        print(f"close {name}")


class Lock:
    def __init__(self, name, fail=None):
        self.name, self.fail = name, fail

    async def __aenter__(self):
        print("acquire", self.name)
        return self

    async def __aexit__(self, typ, exc, tb):
        await asyncio.sleep(0.1)
        print("release", self.name, repr(exc))
        if self.fail:
            raise self.fail


class Plain:
    def __enter__(self):
        print("plain enter")

    def __exit__(self, *exc):
        print("plain exit", exc[0])


async def notify(who, *, delay):
    await asyncio.sleep(delay)
    print("notified", who)


async def job(n):
    async with AsyncExitStack() as stack:
        conns = [await stack.enter_async_context(connection(f"{n}{i}", 0.5 * (i + 1)))
                 for i in range(2)]
        stack.enter_context(Plain())
        stack.push_async_callback(notify, n, delay=0.25)
        stack.callback(print, "sync callback", n)
        print(n, "working with", conns)
        await asyncio.sleep(1)
    return n


async def failing():
    try:
        async with AsyncExitStack() as stack:
            await stack.enter_async_context(Lock("outer", fail=KeyError("outer-exit")))
            await stack.enter_async_context(Lock("inner", fail=IndexError("inner-exit")))
            raise ValueError("body")
    except KeyError as e:
        chain = []
        while e is not None:
            chain.append(repr(e))
            e = e.__context__
        print("caught", " <- ".join(chain))


async def suppressing():
    async def swallow(typ, exc, tb):
        await asyncio.sleep(0.2)
        print("swallowing", repr(exc))
        return True

    async with AsyncExitStack() as stack:
        stack.push_async_exit(swallow)
        stack.push_async_exit(Lock("pushed"))
        raise RuntimeError("suppressed")
    print("after suppressing")


@lru_cache(maxsize=None)
async def fetch(url):
    await asyncio.sleep(0.5)
    print("fetched", url)
    return len(url)


async def main():
    print(await asyncio.gather(job("a"), job("b")))
    await failing()
    await suppressing()
    async with AsyncExitStack() as outer:
        stack = AsyncExitStack()
        await stack.enter_async_context(Lock("kept"))
        outer.push_async_exit(stack.pop_all())
        await stack.aclose()
        print("inner stack closed, lock still held")
    try:
        async with AsyncExitStack() as stack:
            await stack.enter_async_context(Plain())
    except TypeError as e:
        print("TypeError:", e)

    first = fetch("example.com")
    print(fetch("example.com") is first, fetch.cache_info())
    print(await first)
    try:
        await fetch("example.com")
    except RuntimeError as e:
        print("RuntimeError:", e)
    results = await asyncio.gather(fetch("a.org"), fetch("bb.org"), return_exceptions=True)
    print(results, fetch.cache_info())
    try:
        await asyncio.gather(fetch("a.org"))
    except RuntimeError as e:
        print("RuntimeError:", e)
    fetch.cache_clear()
    print(await fetch("a.org"), fetch.cache_info())


asyncio.run(main())
