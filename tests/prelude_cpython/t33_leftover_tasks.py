import asyncio

async def forever(name):
    try:
        while True:
            await asyncio.sleep(1)
            print(name, "tick")
    except asyncio.CancelledError:
        print(name, "cancelled at shutdown")
        await asyncio.sleep(0)
        print(name, "cleanup done")
        raise

async def main():
    asyncio.create_task(forever("bg"))
    asyncio.get_running_loop().call_later(10, print, "never")
    await asyncio.sleep(2.5)
    print("main returns")
    return "result"

print(asyncio.run(main()))
print("after run")
