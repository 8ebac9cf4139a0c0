# Module `aiohttp` for Awaitscope: the client-side subset tutorials use, over the
# native `http_request` (NATIVE.md 2.6). Timing model (NATIVE.md 3, the same as
# the conformance oracle's fake aiohttp): a request is exactly
# `await asyncio.sleep(latency)` with the fixture's latency (a missing URL:
# `sleep(0)`, then ClientConnectorError); nothing else ever suspends. With a real
# network (browser) the request waits on a future the driver completes.

import asyncio
import _awaitscope


class ClientError(Exception):
    pass


class ClientResponseError(ClientError):
    def __init__(self, status, message, url):
        super().__init__(f'{status}, message={message!r}, url=URL({url!r})')
        self.status = status
        self.message = message


class ClientConnectionError(ClientError):
    pass


class ClientOSError(ClientConnectionError):
    pass


class ClientConnectorError(ClientOSError):
    pass


class ContentTypeError(ClientResponseError):
    pass


_REASONS = {200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently',
            302: 'Found', 304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized',
            403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
            429: 'Too Many Requests', 500: 'Internal Server Error',
            502: 'Bad Gateway', 503: 'Service Unavailable'}


class ClientResponse:
    def __init__(self, method, url, status, body, content_type):
        self.method = method
        self.url = url
        self.status = status
        self.reason = _REASONS.get(status, '')
        self.content_type = content_type
        self._body = body
        self.ok = status < 400

    def __repr__(self):
        return f'<ClientResponse({self.url}) [{self.status}]>'

    async def text(self, encoding=None):
        return self._body

    async def read(self):
        return self._body

    async def json(self, **kwargs):
        return _awaitscope.json_loads(self._body)

    def raise_for_status(self):
        if self.status >= 400:
            raise ClientResponseError(self.status, self.reason, self.url)

    def release(self):
        pass

    def close(self):
        pass

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        return None


class _RequestContextManager:
    """What `session.get(url)` returns: awaitable and an async context manager."""

    def __init__(self, coro):
        self._coro = coro
        self._resp = None

    def __await__(self):
        return self._coro.__await__()

    async def __aenter__(self):
        self._resp = await self._coro
        return self._resp

    async def __aexit__(self, exc_type, exc, tb):
        if self._resp is not None:
            self._resp.release()
        return None


async def _wait_latency(loop, latency, url):
    # Exactly asyncio.sleep(latency), described as the fetch in the trace.
    if latency <= 0:
        await asyncio._SLEEP0
        return
    future = loop.create_future()
    future._what = 'fetch ' + url
    h = loop.call_later(latency, asyncio._set_result_unless_cancelled, future, None)
    try:
        await future
    finally:
        h.cancel()


async def _request(method, url):
    loop = asyncio.get_running_loop()
    fut = None

    def done(status, body, content_type, error):
        if not fut.cancelled():
            fut.set_result((status, body, content_type, error))

    answer = _awaitscope.http_request(method, url, done)
    if answer is None:
        # A real network: the driver schedules `done` when the response is in.
        fut = loop.create_future()
        fut._what = 'fetch ' + url
        status, body, content_type, error = await fut
    else:
        status, body, content_type, latency, error = answer
        await _wait_latency(loop, 0 if error is not None else latency, url)
    if error is not None:
        raise ClientConnectorError(error)
    return ClientResponse(method, url, status, body, content_type)


class ClientTimeout:
    def __init__(self, total=None, connect=None, sock_read=None, sock_connect=None):
        self.total = total
        self.connect = connect
        self.sock_read = sock_read
        self.sock_connect = sock_connect


class ClientSession:
    def __init__(self, *args, **kwargs):
        self.closed = False

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await self.close()

    async def close(self):
        self.closed = True

    def get(self, url, **kwargs):
        return _RequestContextManager(_request('GET', str(url)))

    def post(self, url, **kwargs):
        return _RequestContextManager(_request('POST', str(url)))

    def request(self, method, url, **kwargs):
        return _RequestContextManager(_request(method, str(url)))
