# The reprs of the synchronization primitives (address masked) and where asyncio's
# classes say they live: `asyncio.locks.Lock`, `_asyncio.Task`, as in CPython.
import asyncio

class MyLock(asyncio.Lock):
    pass

def shape(r):
    # Addresses differ from run to run: keep what is around them.
    head, _, tail = r.partition(' at 0x')
    return head + (' at ADDR' + tail[tail.find(' '):] if tail else '') if _ else r

async def main():
    for x in (asyncio.Lock(), asyncio.Semaphore(2), asyncio.BoundedSemaphore(), asyncio.Event(),
              asyncio.Condition(), asyncio.Queue(3), MyLock()):
        print(shape(repr(x)))
    lock = asyncio.Lock()
    await lock.acquire()
    print(shape(repr(lock)))
    for t in (asyncio.Lock, asyncio.Semaphore, asyncio.Event, asyncio.Condition, asyncio.Queue,
              asyncio.Task, asyncio.Future, asyncio.TaskGroup, asyncio.Timeout,
              asyncio.CancelledError, asyncio.TimeoutError, asyncio.QueueEmpty, MyLock):
        print(t.__module__, t.__qualname__, repr(t))
    print(type(asyncio.current_task()))

asyncio.run(main())
