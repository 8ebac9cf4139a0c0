import asyncio

async def ok(name, d):
    try:
        await asyncio.sleep(d)
        print("finished", name)
    except asyncio.CancelledError:
        print("cancelled", name)
        raise

async def bad(d):
    await asyncio.sleep(d)
    raise ValueError("bad thing")

async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(ok("slow", 5))
            tg.create_task(bad(1))
            tg.create_task(ok("fast", 0.5))
            await asyncio.sleep(3)
            print("not reached")
    except* ValueError as eg:
        print("caught", [str(e) for e in eg.exceptions])
    print("after group at", asyncio.get_running_loop().time())

asyncio.run(main())
