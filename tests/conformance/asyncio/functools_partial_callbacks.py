import asyncio
import functools


def report(label, *args, loop=None):
    print(label, args, round(loop.time(), 3))


def on_done(name, fut):
    print("done callback", name, fut.result())


async def job(n):
    await asyncio.sleep(n)
    return n * 10


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(functools.partial(report, "soon", 1, loop=loop))
    loop.call_later(0.5, functools.partial(report, "later", loop=loop), 2)
    loop.call_soon(functools.partial(report, "soon2", loop=loop), "x")
    t = asyncio.create_task(job(1))
    t.add_done_callback(functools.partial(on_done, "job1"))
    fut = loop.create_future()
    fut.add_done_callback(functools.partial(on_done, "fut"))
    loop.call_later(0.25, fut.set_result, "set")
    print(await t, await fut)
    await asyncio.sleep(0)
    run = functools.partial(asyncio.wait_for, timeout=2)
    print(await run(job(0.5)))


asyncio.run(main())
