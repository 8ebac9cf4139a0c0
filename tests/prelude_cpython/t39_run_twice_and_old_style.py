import asyncio

async def name():
    await asyncio.sleep(0.5)
    return asyncio.current_task().get_name()

print(asyncio.run(name()))
print(asyncio.run(name()))
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print(loop.run_until_complete(name()))
print(loop.run_until_complete(asyncio.gather(name(), name())))
loop.close()
print(loop.is_closed())
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print(e)
