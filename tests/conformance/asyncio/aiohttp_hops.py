import asyncio
import aiohttp

# A fetch takes the fixture's latency (like asyncio.sleep(latency)); an unknown
# host fails after one loop hop (like asyncio.sleep(0)).


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def get(session, url):
    try:
        async with session.get(url) as resp:
            print("status", resp.status, "for", url)
            return len(await resp.text())
    except aiohttp.ClientConnectorError as e:
        print("error:", e)
        return None


async def main():
    async with aiohttp.ClientSession() as session:
        results = await asyncio.gather(
            ticker(5),
            get(session, "https://unknown.example.invalid/"),
            get(session, "https://example.com/"),
            get(session, "https://httpbin.org/status/404"),
        )
    print(results)


asyncio.run(main())
