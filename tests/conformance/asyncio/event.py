import asyncio


async def waiter(name, event):
    print(f"{name} waiting")
    await event.wait()
    print(f"{name} woke up")


async def setter(event):
    await asyncio.sleep(2)
    print("setting the event")
    event.set()


async def main():
    event = asyncio.Event()
    print("is_set:", event.is_set())
    await asyncio.gather(waiter("w1", event), waiter("w2", event), setter(event))
    print("is_set:", event.is_set())
    event.clear()
    print("cleared:", event.is_set())


asyncio.run(main())
