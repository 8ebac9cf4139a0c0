import asyncio

print("hi")
await asyncio.sleep(1)
