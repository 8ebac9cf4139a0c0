# fixture: https://api.example.com/data 200 0.25 {"name": "awaitscope", "stars": 42, "tags": ["a", "b"]}
# fixture: https://api.example.com/other 200 0.5 {"ok": true, "n": null}
# sequential-end: 1.0
import asyncio
import aiohttp

async def fetch(session, url):
    async with session.get(url) as response:
        print(url, response.status)
        return await response.json()

async def main():
    async with aiohttp.ClientSession() as session:
        data = await fetch(session, "https://api.example.com/data")
        print(data)
        results = await asyncio.gather(fetch(session, "https://api.example.com/other"),
                                       fetch(session, "https://api.example.com/data"))
        print(results)

asyncio.run(main())
