"""Fetch many URLs concurrently with aiohttp, limited by a Semaphore."""
import asyncio
import time

import aiohttp

URLS = [
    "https://jsonplaceholder.typicode.com/todos/1",
    "https://jsonplaceholder.typicode.com/todos/2",
    "https://jsonplaceholder.typicode.com/todos/3",
    "https://jsonplaceholder.typicode.com/todos/4",
    "https://jsonplaceholder.typicode.com/posts/1",
    "https://example.com/",
    "https://httpbin.org/status/404",
]

MAX_CONCURRENCY = 3


async def fetch(session: aiohttp.ClientSession, sem: asyncio.Semaphore, url: str) -> dict:
    async with sem:
        start = time.perf_counter()
        async with session.get(url) as response:
            if response.status != 200:
                return {"url": url, "status": response.status, "error": True}
            if "json" in response.content_type:
                data = await response.json()
                size = len(data)
            else:
                text = await response.text()
                size = len(text)
            return {
                "url": url,
                "status": response.status,
                "size": size,
                "took": time.perf_counter() - start,
            }


async def main():
    sem = asyncio.Semaphore(MAX_CONCURRENCY)
    async with aiohttp.ClientSession() as session:
        tasks = [fetch(session, sem, url) for url in URLS]
        results = await asyncio.gather(*tasks)
    for r in results:
        if r.get("error"):
            print(f"{r['status']} {r['url']}")
        else:
            print(f"{r['status']} {r['url']} ({r['size']} items/chars, {r['took']:.2f}s)")


if __name__ == "__main__":
    start = time.perf_counter()
    asyncio.run(main())
    print(f"Fetched {len(URLS)} URLs in {time.perf_counter() - start:.2f} seconds")
