import asyncio

async def delayed_greet(name):
    await asyncio.sleep(2)
    print(f"Hello, {name}")

asyncio.run(delayed_greet("Alice"))
