import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(1.5, fut.set_result, "hello from the future")
    print("waiting; done =", fut.done())
    value = await fut
    print(value, "at", loop.time())
    fut2 = loop.create_future()
    loop.call_soon(fut2.set_exception, ValueError("no luck"))
    try:
        await fut2
    except ValueError as e:
        print("future raised", e)


asyncio.run(main())
