import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    for name in ("first", "second", "third"):
        fut.add_done_callback(lambda f, name=name: print(name, f.result()))
    loop.call_soon(print, "call_soon before set_result")
    fut.set_result(1)
    loop.call_soon(print, "call_soon after set_result")
    print("set_result returned")
    await asyncio.sleep(0)
    print("main after one hop")
    await asyncio.sleep(0)
    print("main after two hops")
    done = loop.create_future()
    done.set_result(2)
    done.add_done_callback(lambda f: print("added after done", f.result()))
    await asyncio.sleep(0)


asyncio.run(main())
