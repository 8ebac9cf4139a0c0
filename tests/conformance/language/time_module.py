import asyncio
import time

start = time.time()
print("time at start:", start, time.monotonic(), time.perf_counter())
time.sleep(1.5)
print("after time.sleep(1.5):", time.time())
print(time.strftime("%H:%M:%S"))


async def main():
    t0 = time.perf_counter()
    await asyncio.sleep(0.75)
    elapsed = time.perf_counter() - t0
    print(f"slept {elapsed:.2f}s, loop time {asyncio.get_running_loop().time()}")
    print(time.strftime("%Y-%m-%d %H:%M:%S"))


asyncio.run(main())
time.sleep(3600)
print(time.strftime("%H:%M:%S"), time.monotonic() - start)
