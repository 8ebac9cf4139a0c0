# asyncio prelude, part 9: asyncio.run and Runner (CPython 3.11 runners.py, minus
# signals and contextvars), plus what the VM calls at the end of a run.

_RUNNER_CREATED = 'created'
_RUNNER_INITIALIZED = 'initialized'
_RUNNER_CLOSED = 'closed'


class Runner:

    def __init__(self, *, debug=None, loop_factory=None):
        self._state = _RUNNER_CREATED
        self._debug = debug
        self._loop_factory = loop_factory
        self._loop = None
        self._interrupt_count = 0
        self._set_event_loop = False

    def __enter__(self):
        self._lazy_init()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.close()

    def close(self):
        if self._state != _RUNNER_INITIALIZED:
            return
        try:
            loop = self._loop
            _cancel_all_tasks(loop)
            loop.run_until_complete(
                Task(loop.shutdown_asyncgens(), loop=loop, _traced=False))
            loop.run_until_complete(
                Task(loop.shutdown_default_executor(), loop=loop, _traced=False))
        finally:
            if self._set_event_loop:
                set_event_loop(None)
            loop.close()
            self._loop = None
            self._state = _RUNNER_CLOSED
            _report_unretrieved(loop)

    def get_loop(self):
        self._lazy_init()
        return self._loop

    def run(self, coro, *, context=None):
        if not _iscoroutine(coro):
            raise ValueError(f'a coroutine was expected, got {coro!r}')
        if _running_loop is not None:
            # fail fast with short traceback
            raise RuntimeError(
                'Runner.run() cannot be called from a running event loop')
        self._lazy_init()
        task = self._loop.create_task(coro)
        self._interrupt_count = 0
        return self._loop.run_until_complete(task)

    def _lazy_init(self):
        if self._state == _RUNNER_CLOSED:
            raise RuntimeError('Runner is closed')
        if self._state == _RUNNER_INITIALIZED:
            return
        if self._loop_factory is None:
            self._loop = new_event_loop()
            if not self._set_event_loop:
                # Call set_event_loop only once to avoid calling
                # attach_loop multiple times on child watchers
                set_event_loop(self._loop)
                self._set_event_loop = True
        else:
            self._loop = self._loop_factory()
        if self._debug is not None:
            self._loop.set_debug(self._debug)
        self._state = _RUNNER_INITIALIZED


def run(main, *, debug=None):
    if _running_loop is not None:
        # fail fast with short traceback
        raise RuntimeError(
            'asyncio.run() cannot be called from a running event loop')
    runner = Runner(debug=debug)
    runner._lazy_init()
    try:
        return runner.run(main)
    finally:
        runner.close()


def _cancel_all_tasks(loop):
    # Creation order (CPython: the order of a set of tasks, i.e. by address).
    to_cancel = [t for t in _all_tasks if t._loop is loop and not t.done()]
    if not to_cancel:
        return

    for task in to_cancel:
        task.cancel()

    loop.run_until_complete(gather(*to_cancel, return_exceptions=True))

    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                'message': 'unhandled exception during asyncio.run() shutdown',
                'exception': task.exception(),
                'task': task,
            })


def _report_unretrieved(loop):
    # CPython logs these from Future.__del__ when the future is freed; we log
    # them when asyncio.run() ends.
    failed = _unretrieved[:]
    _unretrieved.clear()
    for fut in failed:
        if fut._log_traceback:
            fut._log_traceback = False
            loop.call_exception_handler({
                'message': f'{type(fut).__name__} exception was never retrieved',
                'exception': fut._exception,
                'future': fut,
            })


def _describe_pending():
    """For the VM when the loop deadlocks (NATIVE.md 2.2): one line per task
    that is not done, in creation order, saying what it waits for."""
    lines = []
    for task in list(_all_tasks):
        if task.done():
            continue
        if task._seq_waiting is not None:
            what = (f'{_describe(task._seq_waiting)} to finish '
                    f'(sequential create_task)')
        elif task._fut_waiter is not None:
            what = _describe(task._fut_waiter)
        else:
            what = 'its next step'
        lines.append(f'{task._name} {_coro_text(task._coro)} is waiting for {what}')
    return lines


def _unsupported(what, why):
    def unsupported(*args, **kwargs):
        raise NotImplementedError(f'{what} is not supported: {why}')
    return unsupported


# Parts of asyncio that need sockets, processes or threads, which a program
# here does not have: a clear error instead of an AttributeError.
open_connection = _unsupported('asyncio.open_connection()', 'there are no sockets here')
start_server = _unsupported('asyncio.start_server()', 'there are no sockets here')
open_unix_connection = _unsupported('asyncio.open_unix_connection()', 'there are no sockets here')
start_unix_server = _unsupported('asyncio.start_unix_server()', 'there are no sockets here')
create_subprocess_exec = _unsupported('asyncio.create_subprocess_exec()', 'there are no processes here')
create_subprocess_shell = _unsupported('asyncio.create_subprocess_shell()', 'there are no processes here')
wrap_future = _unsupported('asyncio.wrap_future()', 'there are no threads here')
