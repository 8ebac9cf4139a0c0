import asyncio

# The inner coroutine would finish exactly when the timeout fires: the
# timeout's timer was scheduled first, so it wins.


async def inner():
    try:
        await asyncio.sleep(1)
        print("inner finished")
        return "inner result"
    except asyncio.CancelledError:
        print("inner cancelled at", asyncio.get_running_loop().time())
        raise


async def main():
    try:
        print(await asyncio.wait_for(inner(), timeout=1))
    except TimeoutError:
        print("wait_for timed out")
    print(await asyncio.wait_for(inner(), timeout=1.000001))


asyncio.run(main())
