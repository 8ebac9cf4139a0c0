# Module `aiofiles` for Awaitscope: text files in the run's in-memory file system
# (natives fs_read/fs_write/fs_exists, NATIVE.md 2.5). Timing model (NATIVE.md 3):
# every operation takes effect at call time and completes through
# `loop.call_soon` (2 hops: the completion, then the task's wake-up), like real
# aiofiles' thread-executor round trip on a virtual clock.

import asyncio
import _awaitscope


def _complete(fut, value, exc):
    if fut.cancelled():
        return
    if exc is not None:
        fut.set_exception(exc)
    else:
        fut.set_result(value)


def _op(what, fn, *args):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut._what = what
    try:
        value = fn(*args)
    except Exception as exc:
        loop.call_soon(_complete, fut, None, exc)
    else:
        loop.call_soon(_complete, fut, value, None)
    return fut


class AsyncTextFile:
    def __init__(self, path, mode):
        if 'b' in mode:
            raise NotImplementedError('aiofiles: binary modes are not supported')
        self.name = path
        self.mode = mode
        self._path = path
        self._closed = False
        if 'r' in mode:
            self._text = _awaitscope.fs_read(path)
        elif 'w' in mode:
            self._text = ''
            _awaitscope.fs_write(path, '')
        else:
            self._text = _awaitscope.fs_read(path) if _awaitscope.fs_exists(path) else ''
            _awaitscope.fs_write(path, self._text)
        self._pos = len(self._text) if 'a' in mode else 0

    def __repr__(self):
        return f"<aiofiles.threadpool.text.AsyncTextIOWrapper name='{self._path}'>"

    def _write(self, s):
        if not isinstance(s, str):
            raise TypeError(f'write() argument must be str, not {type(s).__name__}')
        if 'r' in self.mode and '+' not in self.mode:
            raise OSError('not writable')
        end = self._pos + len(s)
        self._text = self._text[:self._pos] + s + self._text[end:]
        self._pos = end
        _awaitscope.fs_write(self._path, self._text)
        return len(s)

    def _read(self, n=-1):
        if n is None or n < 0:
            out = self._text[self._pos:]
        else:
            out = self._text[self._pos:self._pos + n]
        self._pos += len(out)
        return out

    def _readline(self):
        end = self._text.find('\n', self._pos)
        if end < 0:
            end = len(self._text)
        else:
            end += 1
        out = self._text[self._pos:end]
        self._pos = end
        return out

    def _close(self):
        self._closed = True

    def write(self, s):
        return _op('aiofiles write ' + self._path, self._write, s)

    def read(self, n=-1):
        return _op('aiofiles read ' + self._path, self._read, n)

    def readline(self):
        return _op('aiofiles readline ' + self._path, self._readline)

    async def readlines(self):
        lines = []
        while True:
            line = await self.readline()
            if not line:
                return lines
            lines.append(line)

    def close(self):
        return _op('aiofiles close ' + self._path, self._close)

    def __aiter__(self):
        return self

    async def __anext__(self):
        line = await self.readline()
        if line:
            return line
        raise StopAsyncIteration

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await self.close()


class _OpenContext:
    """What `aiofiles.open(...)` returns: awaitable and an async context manager."""

    def __init__(self, path, mode):
        self._path = path
        self._mode = mode
        self._file = None

    def __await__(self):
        return _op('aiofiles open ' + self._path, AsyncTextFile, self._path, self._mode).__await__()

    async def __aenter__(self):
        self._file = await _op('aiofiles open ' + self._path, AsyncTextFile,
                               self._path, self._mode)
        return self._file

    async def __aexit__(self, exc_type, exc, tb):
        await self._file.close()


def open(file, mode='r', *args, **kwargs):
    return _OpenContext(file, mode)
