# asyncio prelude, part 3: Future, a port of CPython 3.11's _PyFuture (futures.py),
# with the C Future's error messages (CPython runs the C version).
# Callbacks are stored as (fn, waiter_trace_id): the second slot, a context in
# CPython (we have no contextvars), names the task a Task wake-up belongs to, so
# scheduling it records a trace `Wake`.

_PENDING = 'PENDING'
_CANCELLED = 'CANCELLED'
_FINISHED = 'FINISHED'

# Futures whose exception nobody retrieved (reported when asyncio.run ends;
# CPython reports them when the garbage collector frees them).
_unretrieved = []


def isfuture(obj):
    return (hasattr(type(obj), '_asyncio_future_blocking') and
            obj._asyncio_future_blocking is not None)


class Future:
    __module__ = '_asyncio'  # CPython's C implementation
    _state = _PENDING
    _result = None
    _exception = None
    _loop = None
    _source_traceback = None
    _cancel_message = None
    _cancelled_exc = None
    _asyncio_future_blocking = False
    __class_getitem__ = classmethod(_generic_alias)
    _log_traceback = False
    # For the trace: what a task awaiting this future waits for (None: generic),
    # and this future's own task id when it is a traced Task.
    _what = None
    _trace_id = -1

    def __init__(self, *, loop=None):
        # (Also an instance attribute: the VM reads it on every task step.)
        self._state = _PENDING
        if loop is None:
            self._loop = _get_event_loop()
        else:
            self._loop = loop
        self._callbacks = []

    def __repr__(self):
        return f'<{type(self).__name__} {" ".join(_future_repr_info(self))}>'

    def get_loop(self):
        loop = self._loop
        if loop is None:
            raise RuntimeError('Future object is not initialized.')
        return loop

    def _make_cancelled_error(self):
        if self._cancelled_exc is not None:
            exc = self._cancelled_exc
            self._cancelled_exc = None
            return exc
        if self._cancel_message is None:
            exc = CancelledError()
        else:
            exc = CancelledError(self._cancel_message)
        return exc

    def cancel(self, msg=None):
        self._log_traceback = False
        if self._state != _PENDING:
            return False
        self._state = _CANCELLED
        self._cancel_message = msg
        self._schedule_callbacks()
        return True

    def _schedule_callbacks(self):
        callbacks = self._callbacks
        if not callbacks:
            return
        self._callbacks = []
        for callback, waiter in callbacks:
            _call_soon(callback, self)
            if waiter >= 0:
                _trace_wake(waiter)

    def cancelled(self):
        return self._state == _CANCELLED

    def done(self):
        return self._state != _PENDING

    def result(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError('Result is not set.')
        self._log_traceback = False
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError('Exception is not set.')
        self._log_traceback = False
        return self._exception

    def add_done_callback(self, fn, *, context=None):
        if self._state != _PENDING:
            _call_soon(fn, self)
        else:
            self._callbacks.append((fn, -1))

    def _add_wakeup(self, fn, task_id):
        # add_done_callback for a Task's wake-up (records `Wake` when scheduled).
        if self._state != _PENDING:
            _call_soon(fn, self)
            if task_id >= 0:
                _trace_wake(task_id)
        else:
            self._callbacks.append((fn, task_id))

    def remove_done_callback(self, fn):
        callbacks = self._callbacks
        filtered = [(f, w) for (f, w) in callbacks if f != fn]
        removed_count = len(callbacks) - len(filtered)
        if removed_count:
            self._callbacks = filtered
        return removed_count

    def set_result(self, result):
        if self._state != _PENDING:
            raise InvalidStateError('invalid state')
        self._result = result
        self._state = _FINISHED
        self._schedule_callbacks()

    def set_exception(self, exception):
        if self._state != _PENDING:
            raise InvalidStateError('invalid state')
        if isinstance(exception, type):
            exception = exception()
        if type(exception) is StopIteration:
            raise TypeError('StopIteration interacts badly with generators '
                            'and cannot be raised into a Future')
        self._exception = exception
        self._state = _FINISHED
        self._schedule_callbacks()
        self._log_traceback = True
        _unretrieved.append(self)

    def __await__(self):
        if self._state == _PENDING:
            self._asyncio_future_blocking = True
            yield self  # This tells Task to wait for completion.
        if self._state == _PENDING:
            raise RuntimeError("await wasn't used with future")
        return self.result()  # May raise too.

    __iter__ = __await__


def _get_loop(fut):
    get_loop = getattr(fut, 'get_loop', None)
    if get_loop is not None:
        return get_loop()
    return fut._loop


def _set_result_unless_cancelled(fut, result):
    if fut.cancelled():
        return
    fut.set_result(result)


def _format_callbacks(cb):
    size = len(cb)
    if size == 1:
        s = _format_callback_source(cb[0][0])
    elif size == 2:
        s = _format_callback_source(cb[0][0]) + ', ' + _format_callback_source(cb[1][0])
    else:
        s = (_format_callback_source(cb[0][0]) + f', <{size - 2} more>, ' +
             _format_callback_source(cb[-1][0]))
    return f'cb=[{s}]'


def _format_callback_source(fn):
    owner = getattr(fn, '__self__', None)
    if isinstance(owner, Task) and getattr(fn, '__name__', '') == '_wakeup':
        return 'Task.task_wakeup()'
    name = getattr(fn, '__qualname__', None) or getattr(fn, '__name__', None)
    if not name:
        return repr(fn) + '()'
    if type(fn).__name__ == 'function':  # inspect.isfunction: where it is defined
        code = fn.__code__
        return f'{name}() at {code.co_filename}:{code.co_firstlineno}'
    return name + '()'


def _future_repr_info(future):
    info = [future._state.lower()]
    if future._state == _FINISHED:
        if future._exception is not None:
            info.append(f'exception={future._exception!r}')
        else:
            info.append(f'result={_reprlib_repr(future._result)}')
    if future._callbacks:
        info.append(_format_callbacks(future._callbacks))
    return info
