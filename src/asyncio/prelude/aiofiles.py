# Module `aiofiles` for Awaitscope: text files in the run's in-memory file system
# (natives fs_read/fs_write/fs_exists, NATIVE.md 2.6). Timing model (NATIVE.md 3,
# the same as the conformance oracle's fake aiofiles): every operation first does
# `await asyncio.sleep(0)` (one loop hop, standing in for aiofiles' thread
# executor), then acts on the file system. `readlines()` is one operation; each
# `async for` step is a `readline()`.

import asyncio
import _awaitscope


class UnsupportedOperation(OSError):
    __module__ = 'io'


class AsyncTextFile:
    def __init__(self, path, mode):
        self._path = path
        self._mode = mode
        self._pos = 0
        self.closed = False

    @property
    def name(self):
        return self._path

    @property
    def mode(self):
        return self._mode

    def __repr__(self):
        return f"<aiofiles.threadpool.text.AsyncTextIOWrapper name='{self._path}'>"

    def _check_open(self):
        if self.closed:
            raise ValueError('I/O operation on closed file.')

    async def write(self, text):
        await asyncio._SLEEP0
        self._check_open()
        if 'r' in self._mode:
            raise _unsupported('not writable')
        if not isinstance(text, str):
            raise TypeError(f'write() argument must be str, not {type(text).__name__}')
        _awaitscope.fs_write(self._path, _awaitscope.fs_read(self._path) + text)
        return len(text)

    async def read(self, size=-1):
        await asyncio._SLEEP0
        self._check_open()
        if 'r' not in self._mode:
            raise _unsupported('not readable')
        content = _awaitscope.fs_read(self._path)
        end = len(content) if size is None or size < 0 else self._pos + size
        chunk = content[self._pos:end]
        self._pos += len(chunk)
        return chunk

    async def readline(self):
        await asyncio._SLEEP0
        self._check_open()
        if 'r' not in self._mode:
            raise _unsupported('not readable')
        content = _awaitscope.fs_read(self._path)
        end = content.find('\n', self._pos)
        end = len(content) if end < 0 else end + 1
        line = content[self._pos:end]
        self._pos = end
        return line

    async def readlines(self):
        # One operation, so one hop (aiofiles runs it as one executor call).
        await asyncio._SLEEP0
        self._check_open()
        if 'r' not in self._mode:
            raise _unsupported('not readable')
        content = _awaitscope.fs_read(self._path)
        lines = []
        while self._pos < len(content):
            end = content.find('\n', self._pos)
            end = len(content) if end < 0 else end + 1
            lines.append(content[self._pos:end])
            self._pos = end
        return lines

    async def close(self):
        await asyncio._SLEEP0
        self.closed = True

    def __aiter__(self):
        return self

    async def __anext__(self):
        line = await self.readline()
        if line:
            return line
        raise StopAsyncIteration


def _unsupported(message):
    # io.UnsupportedOperation is both an OSError and a ValueError; single
    # inheritance here: an OSError named like it.
    return UnsupportedOperation(message)


class _OpenContextManager:
    """What `aiofiles.open(...)` returns: awaitable, and an async context manager."""

    def __init__(self, coro):
        self._coro = coro
        self._file = None

    def __await__(self):
        return self._coro.__await__()

    async def __aenter__(self):
        self._file = await self._coro
        return self._file

    async def __aexit__(self, exc_type, exc, tb):
        await self._file.close()
        return None


async def _open(path, mode):
    await asyncio._SLEEP0
    kind = mode.replace('t', '')
    if kind == 'r':
        if not _awaitscope.fs_exists(path):
            raise FileNotFoundError(2, 'No such file or directory', path)
    elif kind == 'w':
        _awaitscope.fs_write(path, '')
    elif kind == 'a':
        if not _awaitscope.fs_exists(path):
            _awaitscope.fs_write(path, '')
    elif kind == 'x':
        if _awaitscope.fs_exists(path):
            raise FileExistsError(17, 'File exists', path)
        _awaitscope.fs_write(path, '')
    else:
        raise ValueError(f'mode {mode!r} is not supported by the aiofiles model')
    return AsyncTextFile(path, kind)


def open(file, mode='r', *args, **kwargs):
    return _OpenContextManager(_open(str(file), mode))
