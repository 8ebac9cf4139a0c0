import asyncio
import time
import aiohttp


async def fetch(session, url):
    response = await session.get(url)
    data = await response.json()
    print(f"{url} -> {data['title']!r} after {time.perf_counter():.3f}s")
    return data["id"]


async def main():
    urls = [f"https://jsonplaceholder.typicode.com/todos/{i}" for i in (1, 2, 3)]
    async with aiohttp.ClientSession() as session:
        ids = await asyncio.gather(*(fetch(session, u) for u in urls))
        slow = await session.get("https://httpbin.org/delay/2")
        print(slow.status, await slow.json())
    print(ids, time.perf_counter())


asyncio.run(main())
