import asyncio


def make_job(name, delay):
    async def job():
        await asyncio.sleep(delay)
        return f"{name} after {delay}"
    return job


async def main():
    jobs = [make_job(n, d) for n, d in [("x", 0.3), ("y", 0.1), ("z", 0.2)]]
    tasks = [asyncio.create_task(j()) for j in jobs]
    for t in tasks:
        print(await t)
    results = []

    async def collect(i):
        await asyncio.sleep(0.1 * (3 - i))
        results.append(i)

    await asyncio.gather(*(collect(i) for i in range(3)))
    print(results, asyncio.get_running_loop().time())
    handlers = {"double": lambda v: v * 2, "neg": lambda v: -v}
    print({k: f(21) for k, f in handlers.items()})


asyncio.run(main())
