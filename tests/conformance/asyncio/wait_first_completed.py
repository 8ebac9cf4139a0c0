import asyncio


async def work(name, delay):
    await asyncio.sleep(delay)
    print(name, "finished")
    return name


async def main():
    tasks = [asyncio.create_task(work(f"w{i}", d)) for i, d in enumerate([3, 1, 2])]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("done:", sorted(t.result() for t in done))
    print("pending:", len(pending))
    done, pending = await asyncio.wait(pending)
    print("then done:", sorted(t.result() for t in done), "pending:", len(pending))


asyncio.run(main())
