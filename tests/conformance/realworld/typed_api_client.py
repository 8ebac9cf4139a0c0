"""A typed async API client with a mock transport (Medium post style)."""
from __future__ import annotations

import asyncio
import json
import random
import time
from typing import Any, Dict, List, Optional, Tuple, Union

Headers = Dict[str, str]
JSON = Union[Dict[str, Any], List[Any]]


class HTTPError(Exception):
    def __init__(self, status: int, url: str) -> None:
        super().__init__(f"{status} for {url}")
        self.status = status
        self.url = url


class MockTransport:
    latency: float = 0.2
    routes: Dict[str, Tuple[int, str]] = {
        "/users": (200, json.dumps([{"id": 1, "name": "Ada"}, {"id": 2, "name": "Linus"}])),
        "/users/1": (200, json.dumps({"id": 1, "name": "Ada"})),
        "/health": (200, json.dumps({"ok": True})),
    }

    async def request(self, method: str, path: str, headers: Optional[Headers] = None) -> Tuple[int, str]:
        await asyncio.sleep(self.latency + random.random() / 10)
        return self.routes.get(path, (404, "{}"))


class APIClient:
    base_url: str

    def __init__(self, base_url: str, transport: Optional[MockTransport] = None) -> None:
        self.base_url = base_url
        self.transport = transport or MockTransport()
        self.requests_made: int = 0

    async def get(self, path: str) -> JSON:
        self.requests_made += 1
        status, body = await self.transport.request("GET", path, headers={"Accept": "application/json"})
        if status >= 400:
            raise HTTPError(status, self.base_url + path)
        return json.loads(body)

    async def __aenter__(self) -> "APIClient":
        return self

    async def __aexit__(self, *args: Any) -> None:
        print(f"client closed after {self.requests_made} requests")


async def main() -> None:
    t0: float = time.perf_counter()
    async with APIClient("https://api.example.com") as client:
        paths: List[str] = ["/users", "/users/1", "/health", "/missing"]
        results = await asyncio.gather(*(client.get(p) for p in paths), return_exceptions=True)
        for path, res in zip(paths, results):
            if isinstance(res, HTTPError):
                print(f"{path:<10} -> HTTP {res.status}")
            else:
                print(f"{path:<10} -> {json.dumps(res, sort_keys=True)}")
    print(f"done in {time.perf_counter() - t0:.2f}s")
    print(APIClient.__annotations__)


if __name__ == "__main__":
    asyncio.run(main())
