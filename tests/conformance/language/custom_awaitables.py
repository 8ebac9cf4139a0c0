# Custom awaitables: __await__ as a generator delegating to coroutine.__await__(),
# to a Future, and __await__ returning another coroutine's __await__().
import asyncio


class Delay:
    def __init__(self, seconds, value=None):
        self.seconds = seconds
        self.value = value

    def __await__(self):
        print(f"Delay({self.seconds}) starts")
        yield from asyncio.sleep(self.seconds).__await__()
        return self.value


class Connection:
    """Awaitable class with an async initialiser: `conn = await Connection(...)`."""

    def __init__(self, host):
        self.host = host
        self.ready = False

    async def _connect(self):
        await asyncio.sleep(0.2)
        self.ready = True
        return self

    def __await__(self):
        return self._connect().__await__()


class WaitFuture:
    def __init__(self, fut):
        self.fut = fut

    def __await__(self):
        result = yield from self.fut.__await__()
        return f"future gave {result}"


async def main():
    print(await Delay(0.5, 42))
    conn = await Connection("db.local")
    print(conn.host, conn.ready)
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(0.3, fut.set_result, "ok")
    print(await WaitFuture(fut))

    task = asyncio.ensure_future(Delay(10, "never"))
    await asyncio.sleep(1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled while awaiting a Delay")
    print(await asyncio.wait_for(Delay(0.1, "in time"), timeout=1))
    try:
        await asyncio.wait_for(Delay(5), timeout=0.5)
    except TimeoutError:
        print("Delay(5) timed out")
    results = await asyncio.gather(Delay(0.3, "a"), Delay(0.1, "b"), Connection("x"))
    print(results[:2], results[2].host)

    def old_style(coro):
        yield from coro

    coro = asyncio.sleep(1)
    try:
        list(old_style(coro))
    except TypeError as e:
        print(f"TypeError: {e}")
    finally:
        coro.close()
    print(f"t={loop.time():.1f}")


asyncio.run(main())
