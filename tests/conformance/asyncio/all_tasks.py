import asyncio


async def idle(delay):
    await asyncio.sleep(delay)


async def main():
    tasks = [asyncio.create_task(idle(d), name=f"idle-{d}") for d in (1, 2, 3)]
    print(sorted(t.get_name() for t in asyncio.all_tasks()))
    await asyncio.sleep(1.5)
    print(sorted(t.get_name() for t in asyncio.all_tasks()))
    await asyncio.gather(*tasks)
    print(sorted(t.get_name() for t in asyncio.all_tasks()))


asyncio.run(main())
