import asyncio
import aiohttp

URLS = [f"https://jsonplaceholder.typicode.com/todos/{i}" for i in range(1, 5)]


async def fetch(session, sem, url):
    async with sem:
        print("fetching", url)
        async with session.get(url) as response:
            data = await response.json()
            print("got todo", data["id"], repr(data["title"]))
            return data["completed"]


async def main():
    sem = asyncio.Semaphore(2)
    async with aiohttp.ClientSession() as session:
        results = await asyncio.gather(*(fetch(session, sem, u) for u in URLS))
    print(results)


asyncio.run(main())
