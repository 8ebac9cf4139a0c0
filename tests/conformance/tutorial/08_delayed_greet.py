import asyncio


async def delayed_greet(name):
    await asyncio.sleep(2)
    print(f"Hello, {name}!")


async def main():
    print("Waiting to greet...")
    await delayed_greet("Alice")
    print("Done.")


asyncio.run(main())
