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
        resp = await session.get("https://httpbin.org/status/404")
        print(resp.status, await resp.text())

asyncio.run(main())
