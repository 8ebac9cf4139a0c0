import asyncio

async def error_prone_worker():
    await asyncio.sleep(1)
    raise ValueError("An error occurred")

async def main():
    try:
        await error_prone_worker()
    except ValueError as e:
        print(f"Caught error: {e}")

asyncio.run(main())
