# asyncio prelude, part 4: Task, a port of CPython 3.11's _PyTask, and the task
# functions of tasks.py (sleep, gather, wait_for, wait, as_completed, shield, ...).
# Hop for hop as CPython: every `call_soon` here is one CPython makes, no more.
# Trace hooks: NATIVE.md 2.3. Sequential baseline: NATIVE.md 2.4.

_task_counter = 0
# Tasks not done yet, in creation order (a dict used as an ordered set; CPython
# keeps a WeakSet and filters out done tasks).
_all_tasks = {}
# The task whose step is running (CPython's _current_tasks[loop]; one loop here).
_current_task = None


def _next_task_number():
    global _task_counter
    _task_counter += 1
    return _task_counter


class Task(Future):
    __module__ = '_asyncio'  # CPython's C implementation
    _log_destroy_pending = True
    # Sequential mode: the child this task waits for inside create_task.
    _seq_waiting = None

    def __init__(self, coro, *, loop=None, name=None, context=None,
                 _display_name=None, _traced=True):
        Future.__init__(self, loop=loop)
        if not _iscoroutine(coro):
            self._log_destroy_pending = False
            raise TypeError(f'a coroutine was expected, got {coro!r}')
        if name is None:
            self._name = f'Task-{_next_task_number()}'
            if _display_name is not None:
                self._name = str(_display_name)
        else:
            self._name = str(name)
        self._num_cancels_requested = 0
        self._must_cancel = False
        self._fut_waiter = None
        self._coro = coro
        # Bound once: every step and wake-up schedules one of these.
        self._step_cb = self._step
        self._wakeup_cb = self._wakeup
        if _traced:
            self._trace_id = _trace_task_created(self._name, coro)
        self._loop.call_soon(self._step_cb)
        _all_tasks[self] = None

    def __repr__(self):
        info = _future_repr_info(self)
        if self._num_cancels_requested and self._state == _PENDING:
            info[0] = 'cancelling'
        info.insert(1, f'name={self._name!r}')
        info.insert(2, f'coro=<{_format_coro(self._coro)}>')
        if self._fut_waiter is not None:
            info.insert(3, f'wait_for={self._fut_waiter!r}')
        return f'<{type(self).__name__} {" ".join(info)}>'

    def get_coro(self):
        return self._coro

    def get_context(self):
        return None

    def get_name(self):
        return self._name

    def set_name(self, value):
        self._name = str(value)

    def set_result(self, result):
        raise RuntimeError('Task does not support set_result operation')

    def set_exception(self, exception):
        raise RuntimeError('Task does not support set_exception operation')

    def get_stack(self, *, limit=None):
        return []

    def cancel(self, msg=None):
        self._log_traceback = False
        if self._state != _PENDING:
            return False
        self._num_cancels_requested += 1
        if self._fut_waiter is not None:
            if self._fut_waiter.cancel(msg=msg):
                return True
        self._must_cancel = True
        self._cancel_message = msg
        return True

    def cancelling(self):
        return self._num_cancels_requested

    def uncancel(self):
        if self._num_cancels_requested > 0:
            self._num_cancels_requested -= 1
        return self._num_cancels_requested

    def _step(self, exc=None):
        # The VM runs the common case natively, exactly as here (a handle
        # calling `_step()` of a pending Task with no cancellation due and no
        # task running: NATIVE.md 2.7, src/vm/task_step.rs).
        global _current_task
        if self._state != _PENDING:
            raise InvalidStateError(f'_step(): already done: {self!r}, {exc!r}')
        if self._must_cancel:
            if not isinstance(exc, CancelledError):
                exc = self._make_cancelled_error()
            self._must_cancel = False
        coro = self._coro
        self._fut_waiter = None
        if _current_task is not None:
            raise RuntimeError(f'Cannot enter into task {self!r} while another '
                               f'task {_current_task!r} is being executed.')
        _current_task = self
        _trace_step_start(self._trace_id)
        try:
            if exc is None:
                result = coro.send(None)
            else:
                result = coro.throw(exc)
        except StopIteration as stop:
            self._step_returned(stop.value)
        except BaseException as error:
            self._step_raised(error)
        else:
            self._step_yielded(result)

    # The three ways a step ends; each also ends the step (CPython's finally
    # clause of __step: _leave_task, then the trace's StepEnd).

    def _step_returned(self, value):
        global _current_task
        tid = self._trace_id
        try:
            _all_tasks.pop(self, None)
            if self._must_cancel:
                # Task is cancelled right before coro stops.
                self._must_cancel = False
                _trace_task_done(tid, 2, self._cancel_message)
                Future.cancel(self, msg=self._cancel_message)
            else:
                _trace_task_done(tid, 0, value)
                Future.set_result(self, value)
        finally:
            _current_task = None
            _trace_step_end(tid)

    def _step_raised(self, error):
        global _current_task
        tid = self._trace_id
        try:
            _all_tasks.pop(self, None)
            if isinstance(error, CancelledError):
                # Save the original exception so we can chain it later.
                self._cancelled_exc = error
                _trace_task_done(tid, 2, error.args[0] if error.args else None)
                Future.cancel(self)
            elif isinstance(error, (KeyboardInterrupt, SystemExit)):
                _trace_task_done(tid, 1, error)
                Future.set_exception(self, error)
                raise error
            else:
                _trace_task_done(tid, 1, error)
                Future.set_exception(self, error)
        finally:
            _current_task = None
            _trace_step_end(tid)

    def _step_yielded(self, result):
        global _current_task
        tid = self._trace_id
        try:
            if result is None:
                # Bare yield (sleep(0)): run again next iteration.
                _call_soon(self._step_cb)
            else:
                blocking = getattr(result, '_asyncio_future_blocking', None)
                if blocking is not None:
                    if _get_loop(result) is not self._loop:
                        new_exc = RuntimeError(
                            f'Task {self!r} got Future '
                            f'{result!r} attached to a different loop')
                        _call_soon(self._step_cb, new_exc)
                    elif blocking:
                        if result is self:
                            new_exc = RuntimeError(
                                f'Task cannot await on itself: {self!r}')
                            _call_soon(self._step_cb, new_exc)
                        else:
                            result._asyncio_future_blocking = False
                            if isinstance(result, Future):
                                result._add_wakeup(self._wakeup_cb, tid)
                                _trace_suspend(tid, self._coro, result._what, result._trace_id)
                            else:
                                result.add_done_callback(self._wakeup_cb)
                                _trace_suspend(tid, self._coro, None, -1)
                            self._fut_waiter = result
                            if self._must_cancel:
                                if self._fut_waiter.cancel(
                                        msg=self._cancel_message):
                                    self._must_cancel = False
                    else:
                        new_exc = RuntimeError(
                            f'yield was used instead of yield from '
                            f'in task {self!r} with {result!r}')
                        _call_soon(self._step_cb, new_exc)
                else:
                    new_exc = RuntimeError(f'Task got bad yield: {result!r}')
                    _call_soon(self._step_cb, new_exc)
        finally:
            _current_task = None
            _trace_step_end(tid)

    def _wakeup(self, future):
        try:
            future.result()
        except BaseException as exc:
            error = exc
        else:
            self._step()
            return
        # Outside the except block, so the coroutine does not see `error` as
        # the exception being handled (as with the C Task).
        self._step(error)


# The VM may run `Task._step()` natively (NATIVE.md 2.7); a no-op under the shim.
_awaitscope.native_task_step(Task)


def _run_sequentially(task):
    """Sequential baseline: run `task` to completion before create_task returns.

    The parent (the running task) waits for it like an `await`; the nested
    loop run is native (`run_until_done`)."""
    global _current_task
    parent = _current_task
    ptid = parent._trace_id
    _trace_suspend(ptid, parent._coro, None, task._trace_id)
    _trace_step_end(ptid)
    _current_task = None
    parent._seq_waiting = task
    try:
        _awaitscope.run_until_done(task)
    finally:
        parent._seq_waiting = None
        _current_task = parent
        _trace_wake(ptid)
        _trace_step_start(ptid)


def current_task(loop=None):
    if loop is None:
        loop = get_running_loop()
    return _current_task


def all_tasks(loop=None):
    if loop is None:
        loop = get_running_loop()
    return {t for t in list(_all_tasks) if t._loop is loop and not t.done()}


def _register_task(task):
    _all_tasks[task] = None


def _unregister_task(task):
    _all_tasks.pop(task, None)


def create_task(coro, *, name=None, context=None):
    loop = get_running_loop()
    if name is None:
        return loop.create_task(coro)
    return loop._create_task_named(coro, name)


FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'


def _describe(fut):
    """What a task awaiting `fut` waits for, for a person (trace, deadlocks)."""
    if fut is None:
        return 'nothing'
    what = getattr(fut, '_what', None)
    if what is not None:
        return what
    if isinstance(fut, Task):
        return f'{fut._name} {_coro_text(fut._coro)}'
    return 'a Future'


def _unique(items):
    # `set(fs)` in CPython (address order); argument order here.
    seen = {}
    for item in items:
        if item not in seen:
            seen[item] = None
    return list(seen)


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    if isfuture(fs) or _iscoroutine(fs):
        raise TypeError(f'expect a list of futures, not {type(fs).__name__}')
    if not fs:
        raise ValueError('Set of Tasks/Futures is empty.')
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError(f'Invalid return_when value: {return_when}')
    fs = _unique(fs)
    for f in fs:
        if _iscoroutine(f):
            raise TypeError('Passing coroutines is forbidden, use tasks explicitly.')
    loop = get_running_loop()
    return await _wait(fs, timeout, return_when, loop)


def _release_waiter(waiter, *args):
    if not waiter.done():
        waiter.set_result(None)


async def wait_for(fut, timeout):
    loop = get_running_loop()
    if timeout is None:
        return await fut
    if timeout <= 0:
        fut = _ensure_future(fut, loop=loop, _concurrent=True)
        if fut.done():
            return fut.result()
        await _cancel_and_wait(fut, loop=loop)
        try:
            return fut.result()
        except CancelledError as exc:
            raise TimeoutError() from exc
    waiter = Future(loop=loop)
    timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    cb = lambda f: _release_waiter(waiter, f)
    fut = _ensure_future(fut, loop=loop, _concurrent=True)
    waiter._what = f'wait_for({_describe(fut)}, timeout={timeout!r})'
    fut.add_done_callback(cb)
    try:
        try:
            await waiter
        except CancelledError:
            if fut.done():
                return fut.result()
            else:
                fut.remove_done_callback(cb)
                await _cancel_and_wait(fut, loop=loop)
                raise
        if fut.done():
            return fut.result()
        else:
            fut.remove_done_callback(cb)
            await _cancel_and_wait(fut, loop=loop)
            try:
                return fut.result()
            except CancelledError as exc:
                raise TimeoutError() from exc
    finally:
        timeout_handle.cancel()


async def _wait(fs, timeout, return_when, loop):
    waiter = Future(loop=loop)
    waiter._what = f'wait({len(fs)} tasks)'
    timeout_handle = None
    if timeout is not None:
        timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    counter = len(fs)

    def _on_completion(f):
        nonlocal counter
        counter -= 1
        if (counter <= 0 or
            return_when == FIRST_COMPLETED or
            return_when == FIRST_EXCEPTION and (not f.cancelled() and
                                                f.exception() is not None)):
            if timeout_handle is not None:
                timeout_handle.cancel()
            if not waiter.done():
                waiter.set_result(None)

    for f in fs:
        f.add_done_callback(_on_completion)
    try:
        await waiter
    finally:
        if timeout_handle is not None:
            timeout_handle.cancel()
        for f in fs:
            f.remove_done_callback(_on_completion)
    done, pending = set(), set()
    for f in fs:
        if f.done():
            done.add(f)
        else:
            pending.add(f)
    return done, pending


async def _cancel_and_wait(fut, loop):
    waiter = Future(loop=loop)
    waiter._what = f'cancellation of {_describe(fut)}'
    cb = lambda f: _release_waiter(waiter, f)
    fut.add_done_callback(cb)
    try:
        fut.cancel()
        await waiter
    finally:
        fut.remove_done_callback(cb)


def as_completed(fs, *, timeout=None):
    if isfuture(fs) or _iscoroutine(fs):
        raise TypeError(f'expect an iterable of futures, not {type(fs).__name__}')
    done = Queue()
    done._get_what = 'as_completed()'
    loop = _get_event_loop()
    todo = {}
    for f in _unique(fs):
        todo[_ensure_future(f, loop=loop)] = None
    timeout_handle = None

    def _on_timeout():
        for f in todo:
            f.remove_done_callback(_on_completion)
            done.put_nowait(None)  # Queue a dummy value for _wait_for_one().
        todo.clear()

    def _on_completion(f):
        if not todo:
            return  # _on_timeout() was here first.
        del todo[f]
        done.put_nowait(f)
        if not todo and timeout_handle is not None:
            timeout_handle.cancel()

    async def _wait_for_one():
        f = await done.get()
        if f is None:
            # Dummy value from _on_timeout().
            raise TimeoutError
        return f.result()  # May raise f.exception().

    for f in todo:
        f.add_done_callback(_on_completion)
    if todo and timeout is not None:
        timeout_handle = loop.call_later(timeout, _on_timeout)
    for _ in range(len(todo)):
        yield _wait_for_one()


class _Sleep0:
    """`await _SLEEP0` is CPython's `__sleep0()`: one bare `yield` to the task."""

    def __await__(self):
        yield


_SLEEP0 = _Sleep0()


async def sleep(delay, result=None):
    if delay <= 0:
        await _SLEEP0
        return result
    loop = _running_loop
    if loop is None:
        raise RuntimeError('no running event loop')
    future = Future(loop=loop)
    future._what = f'sleep({delay!r})'
    h = _call_at(_time() + delay, _set_result_unless_cancelled, future, result)
    try:
        return await future
    finally:
        h.cancel()


def ensure_future(coro_or_future, *, loop=None):
    return _ensure_future(coro_or_future, loop=loop)


def _isawaitable(obj):
    return hasattr(type(obj), '__await__')


async def _wrap_awaitable(awaitable):
    return await awaitable


def _ensure_future(coro_or_future, *, loop=None, _concurrent=False):
    if isfuture(coro_or_future):
        if loop is not None and loop is not _get_loop(coro_or_future):
            raise ValueError('The future belongs to a different loop than '
                             'the one specified as the loop argument')
        return coro_or_future
    called_wrap_awaitable = False
    if not _iscoroutine(coro_or_future):
        if _isawaitable(coro_or_future):
            coro_or_future = _wrap_awaitable(coro_or_future)
            called_wrap_awaitable = True
        else:
            raise TypeError('An asyncio.Future, a coroutine or an awaitable '
                            'is required')
    if loop is None:
        loop = _get_event_loop()
    try:
        if _concurrent:
            return loop._create_task_concurrent(coro_or_future)
        return loop.create_task(coro_or_future)
    except RuntimeError:
        if not called_wrap_awaitable:
            coro_or_future.close()
        raise


class _GatheringFuture(Future):

    def __init__(self, children, *, loop):
        Future.__init__(self, loop=loop)
        self._children = children
        self._cancel_requested = False
        self._what = f'gather({len(children)} tasks)'

    def cancel(self, msg=None):
        if self._state != _PENDING:
            return False
        ret = False
        for child in self._children:
            if child.cancel(msg=msg):
                ret = True
        if ret:
            # If any child tasks were actually cancelled, we should
            # propagate the cancellation request regardless of
            # *return_exceptions* argument.  See issue 32684.
            self._cancel_requested = True
        return ret


async def _gather_in_order(args, return_exceptions):
    # Sequential mode, gather() called outside any task: await the children
    # one by one from inside a task.
    return await gather(*args, return_exceptions=return_exceptions)


def gather(*coros_or_futures, return_exceptions=False):
    if not coros_or_futures:
        loop = _get_event_loop()
        outer = loop.create_future()
        outer.set_result([])
        return outer
    if _SEQUENTIAL and _current_task is None:
        for arg in coros_or_futures:
            if not isfuture(arg):
                return _ensure_future(_gather_in_order(coros_or_futures, return_exceptions))

    def _done_callback(fut):
        nonlocal nfinished
        nfinished += 1

        if outer is None or outer.done():
            if not fut.cancelled():
                # Mark exception retrieved.
                fut.exception()
            return

        if not return_exceptions:
            if fut.cancelled():
                # Check if 'fut' is cancelled first, as 'fut.exception()'
                # will *raise* a CancelledError instead of returning it.
                exc = fut._make_cancelled_error()
                outer.set_exception(exc)
                return
            else:
                exc = fut.exception()
                if exc is not None:
                    outer.set_exception(exc)
                    return

        if nfinished == nfuts:
            # All futures are done; create a list of results
            # and set it to the 'outer' future.
            results = []

            for fut in children:
                if fut.cancelled():
                    # Check if 'fut' is cancelled first, as 'fut.exception()'
                    # will *raise* a CancelledError instead of returning it.
                    # Also, since we're adding the exception return value
                    # to 'results' instead of raising it, don't bother
                    # setting __context__.  This also lets us preserve
                    # calling '_make_cancelled_error()' at most once.
                    res = CancelledError(
                        '' if fut._cancel_message is None else
                        fut._cancel_message)
                else:
                    res = fut.exception()
                    if res is None:
                        res = fut.result()
                results.append(res)

            if outer._cancel_requested:
                # If gather is being cancelled we must propagate the
                # cancellation regardless of *return_exceptions* argument.
                # See issue 32684.
                exc = fut._make_cancelled_error()
                outer.set_exception(exc)
            else:
                outer.set_result(results)

    arg_to_fut = {}
    children = []
    nfuts = 0
    nfinished = 0
    loop = None
    outer = None  # bpo-46672
    for arg in coros_or_futures:
        if arg not in arg_to_fut:
            fut = _ensure_future(arg, loop=loop)
            if loop is None:
                loop = _get_loop(fut)
            if fut is not arg:
                # 'arg' was not a Future, therefore, 'fut' is a new
                # Future created specifically for 'arg'.  Since the caller
                # can't control it, disable the "destroy pending task"
                # warning.
                fut._log_destroy_pending = False

            nfuts += 1
            arg_to_fut[arg] = fut
            fut.add_done_callback(_done_callback)

        else:
            # There's a duplicate Future object in coros_or_futures.
            fut = arg_to_fut[arg]

        children.append(fut)

    outer = _GatheringFuture(children, loop=loop)
    return outer


def shield(arg):
    inner = _ensure_future(arg, _concurrent=True)
    if inner.done():
        # Shortcut.
        return inner
    loop = _get_loop(inner)
    outer = loop.create_future()
    outer._what = f'shield({_describe(inner)})'

    def _inner_done_callback(inner):
        if outer.cancelled():
            if not inner.cancelled():
                # Mark inner's result as retrieved.
                inner.exception()
            return

        if inner.cancelled():
            outer.cancel()
        else:
            exc = inner.exception()
            if exc is not None:
                outer.set_exception(exc)
            else:
                outer.set_result(inner.result())

    def _outer_done_callback(outer):
        if not inner.done():
            inner.remove_done_callback(_inner_done_callback)

    inner.add_done_callback(_inner_done_callback)
    outer.add_done_callback(_outer_done_callback)
    return outer


def run_coroutine_threadsafe(coro, loop):
    raise NotImplementedError('asyncio.run_coroutine_threadsafe() is not supported: '
                              'there are no threads here')
