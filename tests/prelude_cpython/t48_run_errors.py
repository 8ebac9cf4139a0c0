import asyncio

async def main():
    try:
        asyncio.run(asyncio.sleep(0))
    except RuntimeError as e:
        print(e)
    loop = asyncio.get_running_loop()
    try:
        loop.run_until_complete(asyncio.sleep(0))
    except RuntimeError as e:
        print(e)
    print(asyncio.get_event_loop() is loop)
    try:
        await asyncio.wait([asyncio.sleep(1)])
    except TypeError as e:
        print(e)
    try:
        asyncio.create_task(lambda: 1)
    except TypeError as e:
        print("TypeError", str(e)[:30])
    try:
        fut = loop.create_future()
        fut.set_exception(StopIteration)
    except TypeError as e:
        print(e)

try:
    asyncio.run(main)
except ValueError as e:
    print(str(e)[:40])
asyncio.run(main())
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print(e)

async def cancelled_main():
    asyncio.current_task().cancel()
    await asyncio.sleep(1)

asyncio.run(cancelled_main())
