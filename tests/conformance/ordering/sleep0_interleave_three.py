import asyncio


async def step(name, n):
    for i in range(n):
        print(f"{name}{i}")
        await asyncio.sleep(0)
    print(f"{name} done")


async def main():
    t1 = asyncio.create_task(step("a", 3))
    t2 = asyncio.create_task(step("b", 1))
    print("main between creates")
    t3 = asyncio.create_task(step("c", 2))
    await asyncio.sleep(0)
    print("main after first sleep(0)")
    await asyncio.gather(t1, t2, t3, step("d", 2))
    print("all done")


asyncio.run(main())
