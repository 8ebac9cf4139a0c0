import asyncio


async def countdown(name, n, delay):
    while n > 0:
        print(f"{name}: {n}")
        await asyncio.sleep(delay)
        n -= 1
    print(f"{name}: liftoff")
    return name


async def poll(flag):
    checks = 0
    while not flag:
        checks += 1
        await asyncio.sleep(0.5)
    return checks


async def main():
    flag = []
    poller = asyncio.create_task(poll(flag))
    done = await asyncio.gather(countdown("A", 3, 1), countdown("B", 2, 1.5))
    flag.append(True)
    print(done, "polls:", await poller)


asyncio.run(main())
