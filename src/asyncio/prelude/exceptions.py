# asyncio prelude, part 1 of 9: natives and exceptions (CPython 3.11 asyncio/exceptions.py).
# All prelude files of module `asyncio` run in ONE namespace, in the order of
# ASYNCIO_PRELUDE in src/asyncio/mod.rs. The natives are described in NATIVE.md.

import _awaitscope

_call_soon = _awaitscope.call_soon
_call_at = _awaitscope.call_at
_time = _awaitscope.time
_trace_task_created = _awaitscope.trace_task_created
_trace_step_start = _awaitscope.trace_step_start
_trace_step_end = _awaitscope.trace_step_end
_trace_suspend = _awaitscope.trace_suspend
_trace_wake = _awaitscope.trace_wake
_trace_task_done = _awaitscope.trace_task_done
_iscoroutine = _awaitscope.iscoroutine
_format_coro = _awaitscope.format_coro
_coro_text = _awaitscope.coro_text
_log_error = _awaitscope.log_error
_SEQUENTIAL = _awaitscope.sequential()


def _generic_alias(cls, item):
    # `asyncio.Queue[int]`: CPython's `classmethod(types.GenericAlias)`.
    import types
    return types.GenericAlias(cls, item)


class CancelledError(BaseException):
    """The Future or Task was cancelled."""
    __module__ = 'asyncio.exceptions'


# In 3.11 asyncio.TimeoutError is the builtin TimeoutError.
TimeoutError = TimeoutError


class InvalidStateError(Exception):
    """The operation is not allowed in this state."""
    __module__ = 'asyncio.exceptions'


class SendfileNotAvailableError(RuntimeError):
    """Sendfile syscall is not available."""
    __module__ = 'asyncio.exceptions'


class IncompleteReadError(EOFError):
    """Incomplete read error."""
    __module__ = 'asyncio.exceptions'

    def __init__(self, partial, expected):
        r_expected = 'undefined' if expected is None else repr(expected)
        super().__init__(f'{len(partial)} bytes read on a total of '
                         f'{r_expected} expected bytes')
        self.partial = partial
        self.expected = expected


class LimitOverrunError(Exception):
    """Reached the buffer limit while looking for a separator."""
    __module__ = 'asyncio.exceptions'

    def __init__(self, message, consumed):
        super().__init__(message)
        self.consumed = consumed


class BrokenBarrierError(RuntimeError):
    """Barrier is broken by barrier.abort() call."""
    __module__ = 'asyncio.exceptions'


def _reprlib_cut(s, limit):
    if len(s) > limit:
        i = max(0, (limit - 3) // 2)
        j = max(0, limit - 3 - i)
        s = s[:i] + '...' + s[len(s) - j:]
    return s


def _reprlib_repr(x, level=6):
    """CPython's `reprlib.repr` (maxlevel 6, maxstring 30, maxlong 40,
    maxlist/maxtuple/maxset 6, maxdict 4, maxother 30), for Future/Task reprs."""
    t = type(x)
    if t is str:
        s = repr(x[:30])
        if len(s) > 30:
            i = 13
            j = 14
            s = repr(x[:i] + x[len(x) - j:])
            s = s[:i] + '...' + s[len(s) - j:]
        return s
    if t is int:
        return _reprlib_cut(repr(x), 40)
    if t is list or t is tuple or t is set:
        n = len(x)
        if t is list:
            left, right = '[', ']'
        elif t is tuple:
            left, right = '(', ')'
        else:
            if not n:
                return 'set()'
            left, right = '{', '}'
            x = _possibly_sorted(x)
        if level <= 0 and n:
            return left + '...' + right
        pieces = []
        for elem in x:
            if len(pieces) >= 6:
                break
            pieces.append(_reprlib_repr(elem, level - 1))
        if n > 6:
            pieces.append('...')
        if n == 1 and t is tuple:
            right = ',' + right
        return left + ', '.join(pieces) + right
    if t is dict:
        if not x:
            return '{}'
        if level <= 0:
            return '{...}'
        pieces = []
        for key in _possibly_sorted(x):
            if len(pieces) >= 4:
                break
            pieces.append(_reprlib_repr(key, level - 1) + ': ' + _reprlib_repr(x[key], level - 1))
        if len(x) > 4:
            pieces.append('...')
        return '{' + ', '.join(pieces) + '}'
    try:
        s = repr(x)
    except Exception:
        return '<' + type(x).__name__ + ' instance>'
    return _reprlib_cut(s, 30)


def _possibly_sorted(x):
    try:
        return sorted(x)
    except Exception:
        return list(x)
