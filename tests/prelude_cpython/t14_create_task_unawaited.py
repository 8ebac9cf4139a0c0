# sequential-end: 4.5
import asyncio

async def background(n):
    print("bg start", n)
    await asyncio.sleep(n)
    print("bg done", n)

async def main():
    asyncio.create_task(background(1))
    t = asyncio.create_task(background(2))
    print("main sleeping")
    await asyncio.sleep(1.5)
    print("main awaits t")
    await t
    print("main done")

asyncio.run(main())
