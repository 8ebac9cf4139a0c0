import asyncio

async def cleanup_worker():
    try:
        await asyncio.sleep(5)
    finally:
        print("cleanup starts")
        await asyncio.sleep(1)
        print("cleanup ends")

async def stubborn():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("stubborn ignores the cancel")
        await asyncio.sleep(0.5)
        return "survived"

async def main():
    t = asyncio.create_task(cleanup_worker())
    s = asyncio.create_task(stubborn())
    await asyncio.sleep(1)
    t.cancel()
    s.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("t cancelled at", asyncio.get_running_loop().time())
    print(await s, s.cancelled(), s.cancelling())

asyncio.run(main())
