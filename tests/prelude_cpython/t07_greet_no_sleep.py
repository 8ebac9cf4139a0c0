import asyncio

async def greet():
    print("Hello")
    return "done"

async def main():
    result = await greet()
    print(result)

asyncio.run(main())
