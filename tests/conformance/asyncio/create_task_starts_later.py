import asyncio


async def child(name):
    print(name, "runs")
    return name.upper()


async def main():
    task = asyncio.create_task(child("child"))
    print("task created, done =", task.done())
    await asyncio.sleep(0)
    print("after one sleep(0), done =", task.done())
    print("result:", task.result())


asyncio.run(main())
