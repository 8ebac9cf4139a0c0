# fixture: https://example.com/missing 404 0.1 not here
import asyncio
import aiohttp

async def main():
    async with aiohttp.ClientSession() as session:
        try:
            async with session.get("https://nowhere.invalid/x") as r:
                print("unreachable")
        except aiohttp.ClientConnectorError as e:
            print("connector error:", e)
        except aiohttp.ClientError as e:
            print("client error", e)
        resp = await session.get("https://example.com/missing")
        print(resp.status, await resp.text())
        try:
            resp.raise_for_status()
        except aiohttp.ClientResponseError as e:
            print("status error:", e.status)

asyncio.run(main())
