"""The `aiohttp` model of COMMON.md, on top of real asyncio.

* `ClientSession()` is an async context manager; entering/leaving/closing it does
  not await anything (no loop hop).
* `session.get(url)` (or `.post`), used with `async with` or awaited, does
  `await asyncio.sleep(latency)` and then gives a response whose body is already
  read; `await response.json()` / `await response.text()` do not await anything.
* Responses have `status`, `reason`, `ok`, `url` (a str), `method`,
  `content_type` and `raise_for_status()` (ClientResponseError, str like
  aiohttp's: "404, message='Not Found', url=URL('https://…')").
* A URL with no fixture: `await asyncio.sleep(0)`, then
  `aiohttp.ClientConnectorError("Cannot connect to host <host> ssl:default
  [Name or service not known]")`, where <host> is the URL's host name.

The exception classes live in module `aiohttp` (real aiohttp's are in
`aiohttp.client_exceptions`), so an uncaught one ends the traceback with
`aiohttp.ClientConnectorError: Cannot connect to host ...`.
"""

import asyncio
import json
import types
import urllib.parse


class ClientError(Exception):
    pass


class ClientConnectionError(ClientError):
    pass


class ClientOSError(ClientConnectionError):
    pass


class ClientConnectorError(ClientOSError):
    pass


class ClientResponseError(ClientError):
    def __init__(self, status, message, url):
        super().__init__(f"{status}, message={message!r}, url=URL({url!r})")
        self.status = status
        self.message = message


_EXCEPTIONS = (ClientError, ClientConnectionError, ClientOSError, ClientConnectorError,
               ClientResponseError)
for _cls in _EXCEPTIONS:
    _cls.__module__ = "aiohttp"

# HTTP reason phrases (as aiohttp reports them).
_REASONS = {200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently",
            302: "Found", 304: "Not Modified", 400: "Bad Request", 401: "Unauthorized",
            403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
            429: "Too Many Requests", 500: "Internal Server Error",
            502: "Bad Gateway", 503: "Service Unavailable"}


class ClientResponse:
    def __init__(self, method, url, fixture):
        self.method = method
        self.url = url
        self.status = fixture["status"]
        self.reason = _REASONS.get(self.status, "")
        self.ok = self.status < 400
        self.content_type = fixture["content_type"]
        self._body = fixture["body"]

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

    async def __aexit__(self, exc_type, exc, tb):
        return None

    def __repr__(self):
        return f"<ClientResponse({self.url}) [{self.status}]>"


class _RequestContextManager:
    """What `session.get(url)` returns: awaitable, and an async context manager."""

    def __init__(self, coro):
        self._coro = coro
        self._resp = None

    def __await__(self):
        return self._coro.__await__()

    async def __aenter__(self):
        self._resp = await self._coro
        return self._resp

    async def __aexit__(self, exc_type, exc, tb):
        self._resp.release()
        return None


class ClientSession:
    def __init__(self, fixtures, *args, **kwargs):
        self._fixtures = fixtures
        self.closed = False

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await self.close()
        return None

    async def close(self):
        self.closed = True

    def get(self, url, **kwargs):
        return _RequestContextManager(self._request("GET", str(url)))

    def post(self, url, **kwargs):
        return _RequestContextManager(self._request("POST", str(url)))

    async def _request(self, method, url):
        fixture = self._fixtures.get(url)
        if fixture is None:
            await asyncio.sleep(0)
            host = urllib.parse.urlsplit(url).hostname or url
            raise ClientConnectorError(
                f"Cannot connect to host {host} ssl:default "
                "[Name or service not known]"
            )
        await asyncio.sleep(fixture["latency"])
        return ClientResponse(method, url, fixture)


def make_module(fixture_list):
    """A module object to put in sys.modules['aiohttp']."""
    fixtures = {f["url"]: f for f in fixture_list}
    module = types.ModuleType("aiohttp")

    class BoundClientSession(ClientSession):
        def __init__(self, *args, **kwargs):
            super().__init__(fixtures, *args, **kwargs)

    BoundClientSession.__name__ = BoundClientSession.__qualname__ = "ClientSession"
    BoundClientSession.__module__ = "aiohttp"
    module.ClientSession = BoundClientSession
    module.ClientResponse = ClientResponse
    for cls in _EXCEPTIONS:
        setattr(module, cls.__name__, cls)
    return module
