# raise_for_status, ClientResponseError, reason, ok.
import asyncio
import aiohttp

async def main():
    async with aiohttp.ClientSession() as session:
        async with session.get("https://httpbin.org/status/404") as resp:
            print(resp.status, resp.reason, resp.ok)
            try:
                resp.raise_for_status()
            except aiohttp.ClientResponseError as e:
                print("status error:", e.status, e)
        resp = await session.get("https://example.com/")
        print(resp.status, resp.reason, resp.ok)
        resp.raise_for_status()

asyncio.run(main())
