import asyncio


async def waiter(name, fut):
    value = await fut
    print(name, "got", value)


async def main():
    fut = asyncio.get_running_loop().create_future()
    tasks = [asyncio.create_task(waiter(f"w{i}", fut)) for i in (3, 1, 2)]
    await asyncio.sleep(0)
    fut.add_done_callback(lambda f: print("plain callback sees", f.result()))
    fut.set_result("shared")
    print("result set")
    await asyncio.gather(*tasks)


asyncio.run(main())
