import asyncio


async def ok(delay):
    await asyncio.sleep(delay)
    return delay


async def bad(delay):
    await asyncio.sleep(delay)
    raise RuntimeError(f"failed after {delay}")


async def main():
    tasks = [asyncio.create_task(ok(1)), asyncio.create_task(bad(2)), asyncio.create_task(ok(3))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    for t in tasks:
        if t in done:
            print("done:", t.exception() or t.result())
        else:
            print("pending:", t.get_name())
    for t in pending:
        t.cancel()
    await asyncio.sleep(0)
    print([t.cancelled() for t in tasks])


asyncio.run(main())
