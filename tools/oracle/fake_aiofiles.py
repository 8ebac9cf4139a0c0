"""The `aiofiles` model of COMMON.md, on top of real asyncio.

Every operation — `open`, `write`, `read`, `readline`, `readlines`, `close`
(and `__aexit__`, which closes; each `async for` step is a `readline`) — first does `await asyncio.sleep(0)` (one loop hop, standing in for
aiofiles' thread executor) and then acts on an in-memory file system (a dict
path -> text) that starts empty; its final content is part of the result.
Text modes only: 'r', 'w', 'a', 'x' (optionally with 't').
"""

import asyncio
import errno
import io
import types


class AsyncTextFile:
    def __init__(self, fs, path, mode):
        self._fs = fs
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

    def _check_open(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    async def write(self, text):
        await asyncio.sleep(0)
        self._check_open()
        if "r" in self._mode:
            raise io.UnsupportedOperation("not writable")
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._fs[self._path] += text
        return len(text)

    async def read(self, size=-1):
        await asyncio.sleep(0)
        self._check_open()
        if "r" not in self._mode:
            raise io.UnsupportedOperation("not readable")
        content = self._fs[self._path]
        end = len(content) if size is None or size < 0 else self._pos + size
        chunk = content[self._pos:end]
        self._pos += len(chunk)
        return chunk

    async def readline(self):
        await asyncio.sleep(0)
        self._check_open()
        if "r" not in self._mode:
            raise io.UnsupportedOperation("not readable")
        content = self._fs[self._path]
        end = content.find("\n", self._pos)
        end = len(content) if end < 0 else end + 1
        line = content[self._pos:end]
        self._pos = end
        return line

    async def readlines(self):
        # One operation, so one hop (aiofiles runs it as one executor call).
        await asyncio.sleep(0)
        self._check_open()
        if "r" not in self._mode:
            raise io.UnsupportedOperation("not readable")
        content = self._fs[self._path]
        lines = []
        while self._pos < len(content):
            end = content.find("\n", self._pos)
            end = len(content) if end < 0 else end + 1
            lines.append(content[self._pos:end])
            self._pos = end
        return lines

    async def close(self):
        await asyncio.sleep(0)
        self.closed = True

    def __aiter__(self):
        return self

    async def __anext__(self):
        # Like aiofiles: each step is a readline (one hop); '' ends the loop.
        line = await self.readline()
        if line:
            return line
        raise StopAsyncIteration


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


def make_module(fs):
    """A module object to put in sys.modules['aiofiles'], writing into `fs`."""

    async def _open(path, mode):
        await asyncio.sleep(0)
        kind = mode.replace("t", "")
        if kind == "r":
            if path not in fs:
                raise FileNotFoundError(errno.ENOENT, "No such file or directory", path)
        elif kind == "w":
            fs[path] = ""
        elif kind == "a":
            fs.setdefault(path, "")
        elif kind == "x":
            if path in fs:
                raise FileExistsError(errno.EEXIST, "File exists", path)
            fs[path] = ""
        else:
            raise ValueError(f"mode {mode!r} is not supported by the aiofiles model")
        return AsyncTextFile(fs, path, kind)

    def open(file, mode="r", *args, **kwargs):
        return _OpenContextManager(_open(str(file), mode))

    module = types.ModuleType("aiofiles")
    module.open = open
    return module
