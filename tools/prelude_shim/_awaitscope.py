"""CPython-side reference implementation of the `_awaitscope` natives (NATIVE.md).

It lets the asyncio prelude (src/asyncio/prelude/*.py) run under CPython 3.11 so
tools/check_prelude.py can compare it with real asyncio, hop for hop. The event
loop here is the same algorithm as src/asyncio/event_loop.rs (CPython's
_run_once with timers ordered by (when, sequence)) on a virtual clock.

Configuration (set by run_program.py before the prelude is loaded):
  CONFIG['sequential']  -> sequential()
  CONFIG['fixtures']    -> {url: {"status", "reason", "body", "latency"}}
  CONFIG['files']       -> initial in-memory file system {path: text}
  CONFIG['on_deadlock'] -> called with the prelude's _describe_pending() lines
"""

import heapq
import inspect
import json
import sys
import traceback
import urllib.parse

CLOCK_RESOLUTION = 1e-9
MAXIMUM_SELECT_TIMEOUT = 24 * 3600
MIN_SCHEDULED_TIMER_HANDLES = 100
MIN_CANCELLED_TIMER_HANDLES_FRACTION = 0.5

CONFIG = {'sequential': False, 'fixtures': {}, 'files': {}, 'on_deadlock': None,
          'describe_pending': None,
          # A run that never ends (a background `while True` task awaited by a
          # sequential create_task) stops here, like the VM's budgets.
          'max_iterations': 100000, 'on_budget': None}
FILES = {}
TRACE = []      # (kind, ...) tuples, for tests of the hooks
TASKS = []      # [name, coro_text] per traced task


class Deadlock(BaseException):
    pass


# ---------------------------------------------------------------- the loop

class _State:
    now = 0.0
    ready = None
    scheduled = None
    seq = 0
    timer_cancelled_count = 0
    stopping = False
    error_hook = None
    outstanding_io = 0
    iterations = 0


S = _State()
S.ready = []
S.scheduled = []


class Handle:
    __slots__ = ('_callback', '_args', '_cancelled', '_seq', '_when', '_scheduled')

    def __init__(self, callback, args, when):
        self._callback = callback
        self._args = args
        self._cancelled = False
        self._seq = S.seq
        S.seq += 1
        self._when = when
        self._scheduled = when is not None

    def cancel(self):
        if self._cancelled:
            return
        if self._when is not None and self._scheduled:
            S.timer_cancelled_count += 1
        self._cancelled = True

    def cancelled(self):
        return self._cancelled

    def when(self):
        if self._when is None:
            raise AttributeError("'Handle' object has no attribute 'when'")
        return self._when

    def __lt__(self, other):
        return (self._when, self._seq) < (other._when, other._seq)

    def __repr__(self):
        name = getattr(self._callback, '__qualname__', None) or repr(self._callback)
        args = ', '.join(repr(a) for a in self._args)
        if self._when is None:
            return f'<Handle {name}({args})>'
        return f'<TimerHandle when={self._when} {name}({args})>'


def time():
    return S.now


def call_soon(callback, *args, context=None):
    h = Handle(callback, args, None)
    S.ready.append(h)
    return h


def call_at(when, callback, *args, context=None):
    if when is None:
        raise TypeError('when cannot be None')
    h = Handle(callback, args, when)
    heapq.heappush(S.scheduled, h)
    return h


def stop():
    S.stopping = True


def clear():
    S.ready = []
    for h in S.scheduled:
        h._scheduled = False
    S.scheduled = []
    S.timer_cancelled_count = 0
    S.stopping = False


def _callback_source(fn, args):
    # As vm/host.rs callback_source (CPython's format_helpers._format_callback_source).
    name = getattr(fn, '__qualname__', None) or getattr(fn, '__name__', None) or repr(fn)
    text = f"{name}({', '.join(map(repr, args))})"
    if type(fn).__name__ == 'function':
        text += f' at {fn.__code__.co_filename}:{fn.__code__.co_firstlineno}'
    return text


def set_handle_error_hook(fn):
    S.error_hook = fn


def _prepare():
    sched_count = len(S.scheduled)
    if (sched_count > MIN_SCHEDULED_TIMER_HANDLES and
            S.timer_cancelled_count / sched_count > MIN_CANCELLED_TIMER_HANDLES_FRACTION):
        kept = []
        for h in S.scheduled:
            if h._cancelled:
                h._scheduled = False
            else:
                kept.append(h)
        heapq.heapify(kept)
        S.scheduled = kept
        S.timer_cancelled_count = 0
    else:
        while S.scheduled and S.scheduled[0]._cancelled:
            S.timer_cancelled_count -= 1
            h = heapq.heappop(S.scheduled)
            h._scheduled = False
    if S.ready or S.stopping:
        return 0
    if S.scheduled:
        return min(max(0, S.scheduled[0]._when - S.now), MAXIMUM_SELECT_TIMEOUT)
    return None


def _run_once():
    S.iterations += 1
    if S.iterations > CONFIG['max_iterations'] and CONFIG['on_budget'] is not None:
        CONFIG['on_budget']()
    timeout = _prepare()
    if timeout is None:
        if S.outstanding_io:
            raise RuntimeError('shim: outstanding I/O cannot complete')
        lines = CONFIG['describe_pending']() if CONFIG['describe_pending'] else []
        if CONFIG['on_deadlock'] is not None:
            CONFIG['on_deadlock'](lines)
        raise Deadlock(lines)
    S.now = S.now + timeout
    end_time = S.now + CLOCK_RESOLUTION
    while S.scheduled:
        h = S.scheduled[0]
        if h._when >= end_time:
            break
        h = heapq.heappop(S.scheduled)
        h._scheduled = False
        S.ready.append(h)
    ntodo = len(S.ready)
    for _ in range(ntodo):
        h = S.ready.pop(0)
        if h._cancelled:
            continue
        try:
            h._callback(*h._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            if S.error_hook is None:
                raise
            S.error_hook(exc, h, _callback_source(h._callback, h._args))


def run_forever():
    try:
        while True:
            _run_once()
            if S.stopping:
                break
    finally:
        S.stopping = False


def run_until_done(fut):
    while not fut.done():
        _run_once()


def sequential():
    return CONFIG['sequential']


# ---------------------------------------------------------------- trace hooks

_current = [None]


def native_task_step(task_class):
    # The VM runs Task._step's common case natively; CPython runs the Python one.
    pass


def trace_task_created(name, coro):
    tid = len(TASKS)
    TASKS.append([name, coro_text(coro)])
    TRACE.append(('created', S.now, tid, name, TASKS[tid][1], _current[0]))
    return tid


def trace_step_start(tid):
    _current[0] = tid
    TRACE.append(('step_start', S.now, tid))


def trace_step_end(tid):
    _current[0] = None
    TRACE.append(('step_end', S.now, tid))


def trace_suspend(tid, coro, what, awaited_tid):
    if what is None:
        if awaited_tid >= 0:
            what = f'{TASKS[awaited_tid][0]} {TASKS[awaited_tid][1]}'
        else:
            what = 'Future'
    TRACE.append(('suspend', S.now, tid, what))


def trace_wake(tid):
    TRACE.append(('wake', S.now, tid))


def trace_task_done(tid, kind, value):
    if kind == 0:
        outcome = ('result', repr(value))
    elif kind == 1:
        outcome = ('exception', type(value).__name__, str(value))
    else:
        outcome = ('cancelled', value)
    TRACE.append(('done', S.now, tid, outcome))


def current_trace_task():
    return _current[0]


# ---------------------------------------------------------------- coroutines

def iscoroutine(obj):
    return inspect.iscoroutine(obj)


def iscoroutinefunction(func):
    return inspect.iscoroutinefunction(func)


def coro_text(coro):
    """`worker('Task 1', 5)`: the call as written, from the unstarted frame."""
    code = getattr(coro, 'cr_code', None)
    frame = getattr(coro, 'cr_frame', None)
    name = getattr(coro, '__qualname__', None) or getattr(coro, '__name__', '?')
    name = name.rsplit('.', 1)[-1]
    if code is None or frame is None:
        return f'{name}()'
    names = code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]
    local = frame.f_locals
    parts = [repr(local[n]) for n in names[:code.co_argcount] if n in local]
    parts += [f'{n}={local[n]!r}' for n in names[code.co_argcount:] if n in local]
    return f'{name}({", ".join(parts)})'


def format_coro(coro):
    """asyncio.coroutines._format_coroutine."""
    name = (getattr(coro, '__qualname__', None) or getattr(coro, '__name__', None)
            or f'<{type(coro).__name__} without __name__>') + '()'
    code = getattr(coro, 'cr_code', None) or getattr(coro, 'gi_code', None)
    if not code:
        return name
    frame = getattr(coro, 'cr_frame', None) or getattr(coro, 'gi_frame', None)
    filename = code.co_filename or '<empty co_filename>'
    if frame is not None:
        return f'{name} running at {filename}:{frame.f_lineno}'
    return f'{name} done, defined at {filename}:{code.co_firstlineno}'


# ---------------------------------------------------------------- errors

def log_error(message, exc):
    # What logging's lastResort handler prints for logger.error(msg, exc_info=exc).
    text = message
    if exc is not None:
        tb = ''.join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        text += '\n' + tb.rstrip('\n')
    sys.stderr.write(text + '\n')


# ---------------------------------------------------------------- I/O

def http_request(method, url, callback):
    """Virtual driver: answer at once from the fixtures (the prelude then waits
    the latency); never uses `callback` (that is for real networks)."""
    fixture = CONFIG['fixtures'].get(url)
    if fixture is None:
        host = urllib.parse.urlsplit(url).hostname or url
        error = f'Cannot connect to host {host} ssl:default [Name or service not known]'
        return (0, '', '', 0.0, error)
    return (fixture.get('status', 200), fixture.get('body', ''),
            fixture.get('content_type', 'application/json'), fixture.get('latency', 0.0), None)


def json_loads(text):
    return json.loads(text)


def fs_read(path):
    if path not in FILES:
        raise FileNotFoundError(2, 'No such file or directory', path)
    return FILES[path]


def fs_write(path, text):
    FILES[path] = text


def fs_exists(path):
    return path in FILES
