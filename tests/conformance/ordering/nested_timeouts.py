import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(5):
            try:
                async with asyncio.timeout(1):
                    await asyncio.sleep(3)
            except TimeoutError:
                print("inner timed out at", loop.time())
            await asyncio.sleep(2)
            print("outer still fine at", loop.time())
            await asyncio.sleep(10)
    except TimeoutError:
        print("outer timed out at", loop.time())
    try:
        async with asyncio.timeout(1):
            async with asyncio.timeout(2):
                await asyncio.sleep(3)
    except TimeoutError:
        print("the outer (earlier) deadline fired at", loop.time())


asyncio.run(main())
