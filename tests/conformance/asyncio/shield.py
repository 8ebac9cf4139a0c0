import asyncio


async def important():
    print("important: start")
    await asyncio.sleep(2)
    print("important: finished")
    return "saved"


async def main():
    inner = asyncio.create_task(important())
    try:
        await asyncio.wait_for(asyncio.shield(inner), timeout=1)
    except asyncio.TimeoutError:
        print("wait_for gave up; inner cancelled?", inner.cancelled())
    print("inner result:", await inner)


asyncio.run(main())
