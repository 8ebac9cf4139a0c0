import asyncio

async def fails():
    raise RuntimeError("nobody looked")

async def main():
    t = asyncio.create_task(fails())
    await asyncio.sleep(1)
    print("main done", t.done())

asyncio.run(main())
