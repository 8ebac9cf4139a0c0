import asyncio


async def main():
    print("about to fail")
    await asyncio.sleep(1)
    print(undefined_variable)


asyncio.run(main())
