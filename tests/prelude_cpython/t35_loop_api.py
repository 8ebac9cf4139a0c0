import asyncio

def cb(name, loop):
    print("callback", name, loop.time())

async def main():
    loop = asyncio.get_running_loop()
    print("start", loop.time(), loop.is_running())
    h1 = loop.call_soon(cb, "soon", loop)
    h2 = loop.call_later(0.5, cb, "later", loop)
    h3 = loop.call_at(loop.time() + 0.25, cb, "at", loop)
    h4 = loop.call_later(0.3, cb, "cancelled", loop)
    h4.cancel()
    print(h4.cancelled(), h2.when())
    fut = loop.create_future()
    loop.call_later(1, fut.set_result, "future value")
    print(await fut)
    print("end", loop.time())

asyncio.run(main())
