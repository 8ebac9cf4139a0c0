# sequential-end: 1.0
import asyncio
import aiohttp

async def fetch(session, url):
    async with session.get(url) as response:
        print(url, response.status)
        return await response.json()

async def main():
    async with aiohttp.ClientSession() as session:
        data = await fetch(session, "https://jsonplaceholder.typicode.com/todos/1")
        print(data)
        results = await asyncio.gather(fetch(session, "https://jsonplaceholder.typicode.com/todos/2"),
                                       fetch(session, "https://jsonplaceholder.typicode.com/todos/1"))
        print(results)

asyncio.run(main())
