import asyncio

async def risky():
    await asyncio.sleep(1)
    raise Exception("Something went wrong")

async def main():
    try:
        await risky()
    except Exception as e:
        print(f"Caught: {e}")

asyncio.run(main())
