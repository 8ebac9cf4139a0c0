import asyncio


async def worker(name, queue):
    while True:
        delay = await queue.get()
        await asyncio.sleep(delay)
        print(f"{name} handled {delay}")
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    for delay in [0.5, 1, 1.5, 0.25, 0.75]:
        queue.put_nowait(delay)
    workers = [asyncio.create_task(worker(f"worker-{i}", queue)) for i in range(2)]
    await queue.join()
    print("queue joined at", asyncio.get_running_loop().time())
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print("workers stopped")


asyncio.run(main())
