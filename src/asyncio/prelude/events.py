# asyncio prelude, part 2: the event loop object and get_running_loop/get_event_loop
# (CPython 3.11 events.py + the parts of base_events.py a program can observe).
# The scheduling itself is native (src/asyncio/event_loop.rs, driven by the VM):
# call_soon/call_at/time are the natives, installed as instance attributes.

_running_loop = None
# The policy's current loop (`set_event_loop`), and whether it was ever set:
# after asyncio.run() it is None and get_event_loop() raises, as in 3.11.
_policy_loop = None
_policy_set_called = False


def _run_until_complete_cb(fut):
    if not fut.cancelled():
        exc = fut.exception()
        if isinstance(exc, (SystemExit, KeyboardInterrupt)):
            return
    fut.get_loop().stop()


def _closed_call(*args, **kwargs):
    raise RuntimeError('Event loop is closed')


class AbstractEventLoop:
    """Only for isinstance checks."""


class BaseEventLoop(AbstractEventLoop):

    def __init__(self):
        self._closed = False
        self._running = False
        self._exception_handler = None
        self._debug = False
        # Natives as instance attributes: no Python frame between the
        # prelude and the Rust loop (plain function attributes are not bound).
        self.call_soon = _call_soon
        self.call_at = _call_at
        self.call_soon_threadsafe = _call_soon
        self.time = _time

    def __repr__(self):
        return (f'<_UnixSelectorEventLoop running={self.is_running()} '
                f'closed={self.is_closed()} debug={self.get_debug()}>')

    def call_later(self, delay, callback, *args, context=None):
        if delay is None:
            raise TypeError('delay must not be None')
        return _call_at(_time() + delay, callback, *args)

    def create_future(self):
        return Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        if self._closed:
            raise RuntimeError('Event loop is closed')
        task = Task(coro, loop=self, name=name)
        if _SEQUENTIAL and _current_task is not None:
            _run_sequentially(task)
        return task

    def _create_task_named(self, coro, name):
        # asyncio.create_task(coro, name=...) and TaskGroup.create_task: CPython
        # creates the task as `Task-N` (consuming N) and renames it; we name it
        # at once so the trace has the right name from the start.
        if self._closed:
            raise RuntimeError('Event loop is closed')
        task = Task(coro, loop=self, _display_name=name)
        if _SEQUENTIAL and _current_task is not None:
            _run_sequentially(task)
        return task

    def _create_task_concurrent(self, coro):
        # wait_for/shield: their inner task must race the caller even in
        # sequential mode.
        if self._closed:
            raise RuntimeError('Event loop is closed')
        return Task(coro, loop=self)

    def _check_closed(self):
        if self._closed:
            raise RuntimeError('Event loop is closed')

    def _check_running(self):
        if self._running:
            raise RuntimeError('This event loop is already running')
        if _running_loop is not None:
            raise RuntimeError(
                'Cannot run the event loop while another loop is running')

    def run_forever(self):
        global _running_loop
        self._check_closed()
        self._check_running()
        self._running = True
        _running_loop = self
        try:
            _awaitscope.run_forever()
        finally:
            self._running = False
            _running_loop = None

    def run_until_complete(self, future):
        self._check_closed()
        self._check_running()
        new_task = not isfuture(future)
        future = _ensure_future(future, loop=self)
        if new_task:
            future._log_destroy_pending = False
        future.add_done_callback(_run_until_complete_cb)
        try:
            self.run_forever()
        except:
            if new_task and future.done() and not future.cancelled():
                future.exception()
            raise
        finally:
            future.remove_done_callback(_run_until_complete_cb)
        if not future.done():
            raise RuntimeError('Event loop stopped before Future completed.')
        return future.result()

    def stop(self):
        _awaitscope.stop()

    def is_running(self):
        return self._running

    def is_closed(self):
        return self._closed

    def close(self):
        if self._running:
            raise RuntimeError('Cannot close a running event loop')
        if self._closed:
            return
        self._closed = True
        self.call_soon = _closed_call
        self.call_at = _closed_call
        self.call_soon_threadsafe = _closed_call
        _awaitscope.clear()

    def get_debug(self):
        return self._debug

    def set_debug(self, enabled):
        self._debug = enabled

    async def shutdown_asyncgens(self):
        return

    async def shutdown_default_executor(self):
        return

    def run_in_executor(self, executor, func, *args):
        raise NotImplementedError(
            'loop.run_in_executor() is not supported: there are no threads here')

    def set_exception_handler(self, handler):
        if handler is not None and not callable(handler):
            raise TypeError(f'A callable object or None is expected, got {handler!r}')
        self._exception_handler = handler

    def get_exception_handler(self):
        return self._exception_handler

    def default_exception_handler(self, context):
        message = context.get('message')
        if not message:
            message = 'Unhandled exception in event loop'
        exception = context.get('exception')
        log_lines = [message]
        for key in sorted(context):
            if key in ('message', 'exception'):
                continue
            value = context[key]
            if key == 'source_traceback':
                continue
            log_lines.append(f'{key}: {value!r}')
        _log_error('\n'.join(log_lines), exception)

    def call_exception_handler(self, context):
        if self._exception_handler is None:
            try:
                self.default_exception_handler(context)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException:
                _log_error('Exception in default exception handler', None)
        else:
            try:
                self._exception_handler(self, context)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                try:
                    self.default_exception_handler({
                        'message': 'Unhandled error in exception handler',
                        'exception': exc,
                        'context': context,
                    })
                except (SystemExit, KeyboardInterrupt):
                    raise
                except BaseException:
                    _log_error('Exception in default exception handler while '
                               'handling an unexpected error in custom '
                               'exception handler', None)


class _Handle:
    # Never called: the VM runs handles natively. A callback's traceback starts at
    # the line below, as CPython's starts in Handle._run (vm/host.rs points there).
    def _run(self):
        self._context.run(self._callback, *self._args)


def _on_handle_error(exc, handle, callback_source):
    # Handle._run: an exception escaping a callback goes to the loop's handler.
    loop = _running_loop if _running_loop is not None else _policy_loop
    if loop is None:
        _log_error(f'Exception in callback {callback_source}', exc)
        return
    loop.call_exception_handler({
        'message': f'Exception in callback {callback_source}',
        'exception': exc,
        'handle': handle,
    })


_awaitscope.set_handle_error_hook(_on_handle_error)


def _asyncgen_finalizer_hook(agen):
    # BaseEventLoop._asyncgen_finalizer_hook: an async generator that dies
    # suspended is closed by aclose() in a task of its own, scheduled now (the VM
    # calls this from src/vm/finalize.rs). False: no loop runs to do it.
    loop = _running_loop
    if loop is None or loop._closed:
        return False
    loop.call_soon_threadsafe(loop.create_task, agen.aclose())
    return True


def get_running_loop():
    loop = _running_loop
    if loop is None:
        raise RuntimeError('no running event loop')
    return loop


def _get_running_loop():
    return _running_loop


def _set_running_loop(loop):
    global _running_loop
    _running_loop = loop


def new_event_loop():
    return BaseEventLoop()


def set_event_loop(loop):
    global _policy_loop, _policy_set_called
    _policy_set_called = True
    _policy_loop = loop


def get_event_loop():
    loop = _running_loop
    if loop is not None:
        return loop
    return _get_policy_loop()


def _get_event_loop(stacklevel=3):
    loop = _running_loop
    if loop is not None:
        return loop
    return _get_policy_loop()


def _get_policy_loop():
    global _policy_loop
    if _policy_loop is None and not _policy_set_called:
        set_event_loop(new_event_loop())
    if _policy_loop is None:
        raise RuntimeError("There is no current event loop in thread 'MainThread'.")
    return _policy_loop


def iscoroutine(obj):
    return _iscoroutine(obj)


def iscoroutinefunction(func):
    return _awaitscope.iscoroutinefunction(func)


async def to_thread(func, *args, **kwargs):
    raise NotImplementedError('asyncio.to_thread() is not supported: there are no threads here')
