import asyncio
import aiohttp


async def check(session, url):
    async with session.get(url) as resp:
        print(url, resp.status, resp.reason, resp.ok, resp.method, resp.content_type)
        try:
            resp.raise_for_status()
            return "ok"
        except aiohttp.ClientResponseError as e:
            print("raise_for_status:", e)
            print("status on the error:", e.status, isinstance(e, aiohttp.ClientError))
            return "failed"


async def main():
    async with aiohttp.ClientSession() as session:
        results = [await check(session, u) for u in ("https://example.com/", "https://httpbin.org/status/404")]
        print(results)
        try:
            await session.get("https://down.example.invalid/")
        except aiohttp.ClientConnectionError as e:
            print(type(e).__name__, isinstance(e, aiohttp.ClientOSError), e)


asyncio.run(main())
