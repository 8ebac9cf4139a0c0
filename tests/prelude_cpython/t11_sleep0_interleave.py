import asyncio

async def spinner(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)
    return name

async def main():
    t = asyncio.create_task(spinner("c", 2))
    r = await asyncio.gather(spinner("a", 3), spinner("b", 4), t)
    print(r)
    for i in range(3):
        await asyncio.sleep(0)
    print("end")

asyncio.run(main())
