import asyncio

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1):
            await asyncio.sleep(5)
    except TimeoutError:
        print("timeout fired at", loop.time())
    async with asyncio.timeout(2) as cm:
        await asyncio.sleep(1)
        print("inside, expired:", cm.expired())
    print("after, expired:", cm.expired())
    try:
        async with asyncio.timeout_at(loop.time() + 1) as cm:
            cm.reschedule(loop.time() + 3)
            await asyncio.sleep(2)
            print("rescheduled ok")
            await asyncio.sleep(2)
    except TimeoutError:
        print("rescheduled timeout at", loop.time(), cm.expired())
    async with asyncio.timeout(None) as cm:
        await asyncio.sleep(0.5)
    print(cm.when(), repr(cm))
    try:
        async with asyncio.timeout(-1):
            print("already expired")
            await asyncio.sleep(0)
            print("not reached")
    except TimeoutError:
        print("expired immediately")

asyncio.run(main())
