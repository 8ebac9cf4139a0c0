import asyncio


async def slow():
    try:
        print("slow: started")
        await asyncio.sleep(10)
        print("slow: never printed")
    except asyncio.CancelledError:
        print("slow: cancelled")
        raise
    finally:
        print("slow: finally")


async def main():
    try:
        await asyncio.wait_for(slow(), timeout=2)
    except asyncio.TimeoutError as e:
        print("timed out:", type(e).__name__, repr(e))
    print("done")


asyncio.run(main())
