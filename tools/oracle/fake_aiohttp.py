"""The `aiohttp` model of COMMON.md, on top of real asyncio.

* `ClientSession()` is an async context manager; entering/leaving/closing it does
  not await anything (no loop hop).
* `session.get(url)`, used with `async with` or awaited, does
  `await asyncio.sleep(latency)` and then gives a response whose body is already
  read; `await response.json()` / `await response.text()` do not await anything.
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


class ClientConnectorError(ClientConnectionError):
    pass


for _cls in (ClientError, ClientConnectionError, ClientConnectorError):
    _cls.__module__ = "aiohttp"


class ClientResponse:
    def __init__(self, url, fixture):
        self.url = url
        self.status = fixture["status"]
        self.content_type = fixture["content_type"]
        self._body = fixture["body"]

    async def text(self):
        return self._body

    async def json(self):
        return json.loads(self._body)

    def release(self):
        pass

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
        return _RequestContextManager(self._request(str(url)))

    async def _request(self, url):
        fixture = self._fixtures.get(url)
        if fixture is None:
            await asyncio.sleep(0)
            host = urllib.parse.urlsplit(url).hostname or url
            raise ClientConnectorError(
                f"Cannot connect to host {host} ssl:default "
                "[Name or service not known]"
            )
        await asyncio.sleep(fixture["latency"])
        return ClientResponse(url, fixture)


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
    module.ClientError = ClientError
    module.ClientConnectionError = ClientConnectionError
    module.ClientConnectorError = ClientConnectorError
    return module
