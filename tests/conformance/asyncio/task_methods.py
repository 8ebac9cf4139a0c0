import asyncio


def report(task):
    if task.cancelled():
        print("callback:", task.get_name(), "cancelled")
    elif task.exception() is not None:
        print("callback:", task.get_name(), "raised", repr(task.exception()))
    else:
        print("callback:", task.get_name(), "returned", task.result())


async def ok():
    await asyncio.sleep(1)
    return "fine"


async def boom():
    await asyncio.sleep(2)
    raise KeyError("missing")


async def forever():
    await asyncio.sleep(100)


async def main():
    a = asyncio.create_task(ok(), name="ok")
    b = asyncio.create_task(boom(), name="boom")
    c = asyncio.create_task(forever(), name="forever")
    for t in (a, b, c):
        t.add_done_callback(report)
    print("done?", a.done(), b.done(), c.done())
    await asyncio.sleep(3)
    c.cancel()
    await asyncio.sleep(0)
    print("done?", a.done(), b.done(), c.done())
    print("result:", a.result(), "exception:", repr(b.exception()))
    try:
        b.result()
    except KeyError as e:
        print("b.result() raised KeyError", e)
    try:
        c.result()
    except asyncio.CancelledError:
        print("c.result() raised CancelledError")


asyncio.run(main())
