import asyncio


async def error_prone_worker():
    print("Worker starting")
    await asyncio.sleep(1)
    raise ValueError("An error occurred in the worker")


async def main():
    try:
        await error_prone_worker()
    except ValueError as e:
        print(f"Handled error: {e}")
    print("Main continues after the error")


asyncio.run(main())
