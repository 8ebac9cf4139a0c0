"""Make CPython's address-ordered set iterations over tasks follow creation order.

A few places in CPython 3.11 asyncio iterate a `set` (or `WeakSet`) of tasks in
a way a program can observe: the order is then that of the objects' addresses —
not reproducible from run to run, and not something an interpreter can mirror.
The oracle picks one of CPython's possible orders, creation order, which is also
what Awaitscope's prelude does (src/asyncio/NATIVE.md, "Known deviations"):

* `asyncio.run`'s shutdown (`runners._cancel_all_tasks`) cancels the leftover
  tasks in creation order (CPython: `all_tasks()` set order);
* `TaskGroup` keeps its children in creation order, so an abort cancels them in
  that order (CPython: `self._tasks = set()`);
* `as_completed(aws)` wraps its awaitables in tasks in argument order
  (CPython: `for f in set(fs)`).

Sets that asyncio hands back to the program (`all_tasks()`, `wait()`'s done and
pending) stay real sets: conformance programs must not depend on their order.
"""

import asyncio
import weakref
from asyncio import events, exceptions, futures, runners, taskgroups, tasks
from asyncio import coroutines

# Task -> creation number, recorded by the virtual loop's create_task.
_CREATION = weakref.WeakKeyDictionary()
_COUNTER = [0]


def record_creation(task):
    _CREATION[task] = _COUNTER[0]
    _COUNTER[0] += 1


def _creation_order(task):
    return _CREATION.get(task, float("inf"))


class OrderedSet:
    """The part of the set API that TaskGroup and as_completed use, insertion-ordered."""

    def __init__(self, items=()):
        self._items = dict.fromkeys(items)

    def add(self, item):
        self._items[item] = None

    def discard(self, item):
        self._items.pop(item, None)

    def remove(self, item):
        del self._items[item]

    def clear(self):
        self._items.clear()

    def __contains__(self, item):
        return item in self._items

    def __iter__(self):
        return iter(list(self._items))

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return bool(self._items)


def _cancel_all_tasks(loop):
    # runners._cancel_all_tasks of CPython 3.11.7, iterating in creation order.
    to_cancel = sorted(tasks.all_tasks(loop), key=_creation_order)
    if not to_cancel:
        return

    for task in to_cancel:
        task.cancel()

    loop.run_until_complete(tasks.gather(*to_cancel, return_exceptions=True))

    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                'message': 'unhandled exception during asyncio.run() shutdown',
                'exception': task.exception(),
                'task': task,
            })


def as_completed(fs, *, timeout=None):
    # tasks.as_completed of CPython 3.11.7, with `set(fs)` and `todo` insertion-ordered.
    if futures.isfuture(fs) or coroutines.iscoroutine(fs):
        raise TypeError(f"expect an iterable of futures, not {type(fs).__name__}")

    from asyncio.queues import Queue
    done = Queue()

    loop = events._get_event_loop()
    todo = OrderedSet(tasks.ensure_future(f, loop=loop) for f in dict.fromkeys(fs))
    timeout_handle = None

    def _on_timeout():
        for f in todo:
            f.remove_done_callback(_on_completion)
            done.put_nowait(None)  # Queue a dummy value for _wait_for_one().
        todo.clear()  # Can't do todo.remove(f) in the loop.

    def _on_completion(f):
        if not todo:
            return  # _on_timeout() was here first.
        todo.remove(f)
        done.put_nowait(f)
        if not todo and timeout_handle is not None:
            timeout_handle.cancel()

    async def _wait_for_one():
        f = await done.get()
        if f is None:
            # Dummy value from _on_timeout().
            raise exceptions.TimeoutError
        return f.result()  # May raise f.exception().

    for f in todo:
        f.add_done_callback(_on_completion)
    if todo and timeout is not None:
        timeout_handle = loop.call_later(timeout, _on_timeout)
    for _ in range(len(todo)):
        yield _wait_for_one()


def install():
    runners._cancel_all_tasks = _cancel_all_tasks
    tasks.as_completed = as_completed
    asyncio.as_completed = as_completed

    original_init = taskgroups.TaskGroup.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self._tasks = OrderedSet()

    taskgroups.TaskGroup.__init__ = init
