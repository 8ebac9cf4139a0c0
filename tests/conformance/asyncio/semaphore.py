import asyncio


async def download(i, sem):
    async with sem:
        print(f"download {i} starts")
        await asyncio.sleep(1)
        print(f"download {i} ends")


async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(download(i, sem) for i in range(5)))
    print("locked:", sem.locked())


asyncio.run(main())
