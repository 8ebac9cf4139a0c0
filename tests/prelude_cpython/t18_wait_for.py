import asyncio

async def slow(n):
    try:
        await asyncio.sleep(n)
        return n
    except asyncio.CancelledError:
        print("slow cancelled", n)
        raise

async def main():
    print(await asyncio.wait_for(slow(1), timeout=2))
    try:
        await asyncio.wait_for(slow(5), timeout=1)
    except asyncio.TimeoutError:
        print("timed out at", asyncio.get_running_loop().time())
    try:
        await asyncio.wait_for(slow(5), timeout=0)
    except TimeoutError as e:
        print("zero timeout", type(e).__name__)
    print(await asyncio.wait_for(slow(0.5), None))
    t = asyncio.create_task(slow(3))
    try:
        await asyncio.wait_for(asyncio.shield(t), 1)
    except asyncio.TimeoutError:
        print("shielded task still running:", not t.done())
    print(await t)

asyncio.run(main())
