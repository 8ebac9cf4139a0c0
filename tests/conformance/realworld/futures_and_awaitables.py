"""Futures, callbacks and custom awaitables (low-level asyncio tutorial)."""
import asyncio


class Delay:
    """An awaitable object: `await Delay(0.5)`."""

    def __init__(self, seconds: float, value=None):
        self.seconds = seconds
        self.value = value

    def __await__(self):
        yield from asyncio.sleep(self.seconds).__await__()
        return self.value


async def set_after(fut: asyncio.Future, delay: float, value) -> None:
    await asyncio.sleep(delay)
    fut.set_result(value)


def on_done(fut: asyncio.Future) -> None:
    print(f"callback: future done with {fut.result()!r}")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(on_done)
    loop.create_task(set_after(fut, 1, "... world"))
    print("hello ...")
    print(await fut)

    print("awaitable says:", await Delay(0.5, 42))

    loop.call_later(0.3, print, "call_later fired")
    loop.call_soon(print, "call_soon fired")
    handle = loop.call_later(10, print, "never")
    handle.cancel()
    await asyncio.sleep(0.5)

    f2 = loop.create_future()
    loop.call_later(0.2, f2.set_exception, RuntimeError("bad things"))
    try:
        await f2
    except RuntimeError as e:
        print(f"future raised: {e}")
    print(f"time now: {loop.time():.1f}")


asyncio.run(main())
