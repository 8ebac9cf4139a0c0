import asyncio

def bad_callback():
    print("bad callback runs")
    raise ValueError("callback failed")

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(bad_callback)
    await asyncio.sleep(0.1)
    print("loop survived")

asyncio.run(main())
