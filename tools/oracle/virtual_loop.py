"""CPython 3.11's own event loop, running on the virtual clock.

`VirtualLoop` is a real `asyncio.SelectorEventLoop`: `_run_once`, the ready
deque, Task/Future (the C accelerators), gather, wait_for, ... are all CPython's
code. Only three things change:

* `time()` reads the virtual clock;
* the selector's `select(timeout)` advances the clock by `timeout` (exactly
  `clock += timeout`, where `timeout` is what `_run_once` computed, capped at
  MAXIMUM_SELECT_TIMEOUT = 86400 s like CPython) instead of sleeping, and
  `select(None)` — nothing ready and no timer pending — is a deadlock: the
  program would hang forever, so the run stops there;
* timers tie-break on creation order. CPython 3.11 keeps `_scheduled` as a
  heapq of `TimerHandle`s compared by `_when` alone, and heapq is not stable:
  with equal deadlines CPython pops them in an order that depends on the heap's
  shape (checked: pushing 11 timers, 9 of them at when=1, pops those 9 as
  0, 6, 10, 3, 2, 7, 9, 4, 1). On a real clock equal deadlines are rare; on a
  virtual clock they are the norm (three `sleep(1)` started in one step).
  DESIGN.md specifies the heap as ordered by (deadline, sequence number), so
  `SeqTimerHandle` compares `(_when, _seq)`.

Task creation is numbered so that set iterations over tasks follow creation
order (see ordering.py).

`_clock_resolution` is pinned to 1e-9 (CPython takes it from the monotonic
clock, which is 1e-09 on Linux): the window used to pick expired timers.
"""

import asyncio
import heapq
import itertools
import selectors
from asyncio import events

from . import ordering


class Deadlock(BaseException):
    """Raised by the selector when the loop would wait forever."""


class VirtualSelector(selectors.SelectSelector):
    """Holds the loop's self-pipe registration; never waits on anything."""

    def __init__(self, clock, on_deadlock):
        super().__init__()
        self._clock = clock
        self._on_deadlock = on_deadlock

    def select(self, timeout=None):
        if timeout is None:
            self._on_deadlock()  # does not return
            raise Deadlock()
        self._clock.advance(timeout)
        return []


class SeqTimerHandle(events.TimerHandle):
    __slots__ = ("_seq",)

    def __init__(self, when, callback, args, loop, context, seq):
        super().__init__(when, callback, args, loop, context)
        self._seq = seq

    def __lt__(self, other):
        if isinstance(other, SeqTimerHandle):
            return (self._when, self._seq) < (other._when, other._seq)
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, SeqTimerHandle):
            return (self._when, self._seq) <= (other._when, other._seq)
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, SeqTimerHandle):
            return (self._when, self._seq) > (other._when, other._seq)
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, SeqTimerHandle):
            return (self._when, self._seq) >= (other._when, other._seq)
        return NotImplemented

    # TimerHandle defines __eq__, which would otherwise drop the inherited hash.
    __hash__ = events.TimerHandle.__hash__


# A handle's repr names its class: a program must see CPython's TimerHandle.
SeqTimerHandle.__name__ = SeqTimerHandle.__qualname__ = "TimerHandle"


def make_loop_class(clock, on_deadlock):
    class VirtualLoop(asyncio.SelectorEventLoop):
        def __init__(self):
            super().__init__(selector=VirtualSelector(clock, on_deadlock))
            self._clock_resolution = 1e-9
            self._timer_seq = itertools.count()
            self.set_debug(False)

        def time(self):
            return clock.now

        def create_task(self, coro, *, name=None, context=None):
            task = super().create_task(coro, name=name, context=context)
            ordering.record_creation(task)
            return task

        def call_at(self, when, callback, *args, context=None):
            # BaseEventLoop.call_at, with SeqTimerHandle (see module docstring).
            if when is None:
                raise TypeError("when cannot be None")
            self._check_closed()
            if self._debug:
                self._check_thread()
                self._check_callback(callback, "call_at")
            timer = SeqTimerHandle(
                when, callback, args, self, context, next(self._timer_seq)
            )
            if timer._source_traceback:
                del timer._source_traceback[-1]
            heapq.heappush(self._scheduled, timer)
            timer._scheduled = True
            return timer

    return VirtualLoop


def install(clock, on_deadlock):
    """Make asyncio.run / new_event_loop / get_event_loop use the virtual loop."""
    loop_class = make_loop_class(clock, on_deadlock)

    class VirtualPolicy(asyncio.DefaultEventLoopPolicy):
        _loop_factory = loop_class

    asyncio.set_event_loop_policy(VirtualPolicy())
    ordering.install()
    return loop_class
