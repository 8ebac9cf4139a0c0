# Where asyncio's functions say they live: `function.__module__` is the globals'
# `__name__` when the function was made, so `asyncio.sleep` is 'asyncio.tasks'
# (not `as_completed`: the oracle replaces it, see tools/oracle/ordering.py).
import asyncio

for name in ('sleep', 'gather', 'run', 'create_task', 'ensure_future', 'wait_for', 'wait',
             'shield', 'current_task', 'all_tasks', 'timeout', 'timeout_at',
             'new_event_loop', 'set_event_loop', 'run_coroutine_threadsafe'):
    f = getattr(asyncio, name)
    print(name, f.__module__, f.__qualname__)

# Methods of the pure-Python classes.
for f in (asyncio.Queue.get, asyncio.Queue.put_nowait, asyncio.Lock.acquire,
          asyncio.Event.wait, asyncio.Semaphore.release, asyncio.Condition.notify,
          asyncio.TaskGroup.create_task, asyncio.TaskGroup.__aexit__,
          asyncio.Timeout.reschedule, asyncio.Runner.run):
    print(f.__qualname__, f.__module__)


async def main():
    q = asyncio.Queue()
    print(q.put_nowait.__module__, q.get.__func__.__module__)
    print(main.__module__, main.__qualname__)
    async with asyncio.timeout(1) as cm:
        print(type(cm).__module__, cm.reschedule.__module__)

asyncio.run(main())
