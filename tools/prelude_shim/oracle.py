"""Real CPython 3.11 asyncio on a virtual clock (the reference for check_prelude).

A SelectorEventLoop whose selector never polls: select(timeout) advances the
clock by `timeout`. Timers are ordered by (deadline, creation order), as
DESIGN.md specifies. `aiohttp`/`aiofiles` are fakes following NATIVE.md section 3.
"""

import asyncio
import itertools
import json
import selectors
import sys
import types
from asyncio import events

_now = [0.0]
ON_DEADLOCK = [None]
FILES = {}
FIXTURES = {}
_pending_io = [0]


def now():
    return _now[0]


def advance(dt):
    _now[0] = _now[0] + dt


class VirtualSelector(selectors.SelectSelector):
    def select(self, timeout=None):
        if timeout is None:
            lines = []
            for t in asyncio.all_tasks(asyncio.get_event_loop()):
                lines.append(t.get_name())
            ON_DEADLOCK[0](sorted(lines))
        _now[0] = _now[0] + timeout
        return []


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__(VirtualSelector())

    def time(self):
        return _now[0]


class VirtualPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualLoop()


def install(fixtures, files):
    FIXTURES.update(fixtures)
    FILES.update(files)
    seq = itertools.count()

    class SeqTimerHandle(events.TimerHandle):
        """TimerHandle ordered by (when, creation order)."""
        __slots__ = ('_seq',)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._seq = next(seq)

        def __lt__(self, other):
            return (self._when, self._seq) < (other._when, other._seq)

        def __gt__(self, other):
            return (self._when, self._seq) > (other._when, other._seq)

    events.TimerHandle = SeqTimerHandle
    asyncio.set_event_loop_policy(VirtualPolicy())
    sys.modules['aiohttp'] = _make_aiohttp()
    sys.modules['aiofiles'] = _make_aiofiles()


# ------------------------------------------------------------ fake aiohttp

def _make_aiohttp():
    m = types.ModuleType('aiohttp')

    class ClientError(Exception):
        pass

    class ClientResponseError(ClientError):
        def __init__(self, status, message, url):
            super().__init__(f"{status}, message={message!r}, url=URL({url!r})")
            self.status = status
            self.message = message

    class ClientConnectionError(ClientError):
        pass

    class ClientOSError(ClientConnectionError):
        pass

    class ClientConnectorError(ClientOSError):
        pass

    class ClientResponse:
        def __init__(self, url, status, reason, body):
            self.url = url
            self.status = status
            self.reason = reason
            self._body = body
            self.ok = status < 400

        async def text(self):
            return self._body

        async def json(self):
            return json.loads(self._body)

        def raise_for_status(self):
            if self.status >= 400:
                raise ClientResponseError(self.status, self.reason, self.url)

        def release(self):
            pass

        async def __aenter__(self):
            return self

        async def __aexit__(self, *exc):
            return None

    class _RequestContextManager:
        def __init__(self, coro):
            self._coro = coro
            self._resp = None

        def __await__(self):
            return self._coro.__await__()

        async def __aenter__(self):
            self._resp = await self._coro
            return self._resp

        async def __aexit__(self, *exc):
            return None

    async def _request(method, url):
        loop = asyncio.get_running_loop()
        fut = loop.create_future()
        fixture = FIXTURES.get(url)

        def done():
            if fut.cancelled():
                return
            if fixture is None:
                scheme, _, rest = url.partition('://')
                host = rest.split('/', 1)[0]
                port = 443 if scheme == 'https' else 80
                if ':' in host:
                    host, port = host.rsplit(':', 1)
                fut.set_exception(ClientConnectorError(
                    f'Cannot connect to host {host}:{port} ssl:default '
                    f'[Name or service not known]'))
            else:
                fut.set_result(ClientResponse(url, fixture.get('status', 200),
                                              fixture.get('reason', 'OK'),
                                              fixture.get('body', '')))
        latency = 0 if fixture is None else fixture.get('latency', 0)
        loop.call_later(latency, done)
        return await fut

    class ClientSession:
        def __init__(self, *args, **kwargs):
            self.closed = False

        async def __aenter__(self):
            return self

        async def __aexit__(self, *exc):
            await self.close()

        async def close(self):
            self.closed = True

        def get(self, url, **kwargs):
            return _RequestContextManager(_request('GET', url))

        def post(self, url, **kwargs):
            return _RequestContextManager(_request('POST', url))

    for name, value in list(locals().items()):
        if not name.startswith('_') or name == '_RequestContextManager':
            setattr(m, name, value)
    return m


# ------------------------------------------------------------ fake aiofiles

def _make_aiofiles():
    m = types.ModuleType('aiofiles')

    def _op(fn, *args):
        # NATIVE.md: effect at call time, completion through call_soon.
        loop = asyncio.get_running_loop()
        fut = loop.create_future()
        try:
            value = fn(*args)
        except Exception as exc:
            loop.call_soon(_complete, fut, None, exc)
        else:
            loop.call_soon(_complete, fut, value, None)
        return fut

    def _complete(fut, value, exc):
        if fut.cancelled():
            return
        if exc is not None:
            fut.set_exception(exc)
        else:
            fut.set_result(value)

    class AsyncTextFile:
        def __init__(self, path, mode):
            self._path = path
            self._mode = mode
            if 'r' in mode:
                if path not in FILES:
                    raise FileNotFoundError(2, 'No such file or directory', path)
                self._text = FILES[path]
            elif 'w' in mode:
                self._text = ''
                FILES[path] = ''
            else:
                self._text = FILES.get(path, '')
                FILES[path] = self._text
            self._pos = len(self._text) if 'a' in mode else 0

        def _write(self, s):
            self._text = self._text[:self._pos] + s + self._text[self._pos + len(s):]
            self._pos += len(s)
            FILES[self._path] = self._text
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
            end = len(self._text) if end < 0 else end + 1
            out = self._text[self._pos:end]
            self._pos = end
            return out

        def write(self, s):
            return _op(self._write, s)

        def read(self, n=-1):
            return _op(self._read, n)

        def readline(self):
            return _op(self._readline)

        async def readlines(self):
            out = []
            while True:
                line = await self.readline()
                if not line:
                    return out
                out.append(line)

        def close(self):
            return _op(lambda: None)

        def __aiter__(self):
            return self

        async def __anext__(self):
            line = await self.readline()
            if line:
                return line
            raise StopAsyncIteration

    class _OpenContext:
        def __init__(self, path, mode):
            self._path = path
            self._mode = mode
            self._file = None

        def __await__(self):
            return _op(AsyncTextFile, self._path, self._mode).__await__()

        async def __aenter__(self):
            self._file = await _op(AsyncTextFile, self._path, self._mode)
            return self._file

        async def __aexit__(self, *exc):
            await self._file.close()

    def open(path, mode='r', *args, **kwargs):
        return _OpenContext(path, mode)

    m.open = open
    return m
