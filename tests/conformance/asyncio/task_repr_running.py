"""A task's repr while its coroutine is the one running (`running at` its
current line), suspended, and done."""
import asyncio


async def worker(n):
    me = asyncio.current_task()
    print(me)
    await asyncio.sleep(n)
    print(me,
          "still running")
    return n


async def main():
    task = asyncio.create_task(worker(0.5), name="w")
    await asyncio.sleep(0)
    print(task)
    print(await task)
    print(task)


asyncio.run(main())
