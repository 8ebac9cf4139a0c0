import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(None) as cm:
            print("when:", cm.when())
            cm.reschedule(loop.time() + 2)
            print("when:", cm.when())
            await asyncio.sleep(1)
            cm.reschedule(loop.time() + 0.5)
            await asyncio.sleep(10)
    except TimeoutError:
        print("expired:", cm.expired(), "at", loop.time())
    async with asyncio.timeout_at(loop.time() + 1) as cm2:
        await asyncio.sleep(0.5)
    print("timeout_at not expired:", cm2.expired(), cm2.when())


asyncio.run(main())
