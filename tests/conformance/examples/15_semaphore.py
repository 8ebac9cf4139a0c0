import asyncio


async def download(limit, n):
    async with limit:  # waits here while two downloads are already running
        print(f"download {n}: started")
        await asyncio.sleep(1)
        print(f"download {n}: finished")


async def main():
    limit = asyncio.Semaphore(2)  # at most two downloads at a time
    await asyncio.gather(*(download(limit, n) for n in range(1, 6)))
    print("all five downloads finished")


asyncio.run(main())
