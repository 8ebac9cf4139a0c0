import asyncio
import time


async def step(name, delay):
    await asyncio.sleep(delay)
    print(name, "at", time.monotonic())


print("start", time.time())
asyncio.run(step("first run", 1.5))
time.sleep(0.25)
asyncio.run(step("second run", 2))
print("end", time.perf_counter())
