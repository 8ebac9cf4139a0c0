# Module `aiohttp` for Awaitscope: the client-side subset tutorials use, over the
# native `http_request` (NATIVE.md 2.5). Timing model (NATIVE.md 3): a request is
# one suspension on a future that the driver completes through a loop handle
# (virtual clock: `call_at(now + latency)`); everything else never suspends.

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


class ClientResponse:
    def __init__(self, method, url, status, reason, body):
        self.method = method
        self.url = url
        self.status = status
        self.reason = reason
        self._body = body
        self.ok = status < 400

    def __repr__(self):
        return f'<ClientResponse({self.url}) [{self.status} {self.reason}]>'

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
        return None


async def _request(method, url):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut._what = 'fetch ' + url

    def done(status, reason, body, error):
        if fut.cancelled():
            return
        if error is not None:
            fut.set_exception(ClientConnectorError(error))
        else:
            fut.set_result(ClientResponse(method, url, status, reason, body))

    _awaitscope.http_request(method, url, done)
    return await fut


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
