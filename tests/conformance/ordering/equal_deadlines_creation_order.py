import asyncio

# Twelve timers at the same deadline: they fire in the order they were
# scheduled (the heap is ordered by (deadline, sequence)).


async def sleeper(i, delay):
    await asyncio.sleep(delay)
    print("woke", i)


async def main():
    tasks = [asyncio.create_task(sleeper(i, 1)) for i in range(12)]
    tasks += [asyncio.create_task(sleeper(f"late{i}", 1)) for i in range(3)]
    await asyncio.gather(*tasks)


asyncio.run(main())
