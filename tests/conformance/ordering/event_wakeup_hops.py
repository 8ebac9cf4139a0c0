import asyncio


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def waiter(event):
    await event.wait()
    print("waiter woke")


async def main():
    event = asyncio.Event()
    w = asyncio.create_task(waiter(event))
    t = asyncio.create_task(ticker(4))
    await asyncio.sleep(0)
    print("main sets the event")
    event.set()
    await asyncio.gather(w, t)


asyncio.run(main())
