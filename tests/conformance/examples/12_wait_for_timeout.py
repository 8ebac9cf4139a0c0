import asyncio


async def fetch_data(seconds):
    print(f"fetching, this takes {seconds} seconds")
    await asyncio.sleep(seconds)
    print("fetched")
    return "data"


async def main():
    # Fast enough: the result arrives before the timeout.
    result = await asyncio.wait_for(fetch_data(1), timeout=2)
    print(f"got {result!r}")

    # Too slow: after 1.5 seconds wait_for cancels it and raises TimeoutError.
    try:
        result = await asyncio.wait_for(fetch_data(3), timeout=1.5)
        print(f"got {result!r}")
    except asyncio.TimeoutError:
        print("timed out after 1.5 seconds, gave up")


asyncio.run(main())
