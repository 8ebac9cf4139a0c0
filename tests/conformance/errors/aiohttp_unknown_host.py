import asyncio
import aiohttp


async def main():
    async with aiohttp.ClientSession() as session:
        try:
            async with session.get("https://no-such-host.invalid/data") as response:
                print(response.status)
        except aiohttp.ClientError as e:
            print("request failed:", e)
        async with session.get("https://no-such-host.invalid/again") as response:
            print(response.status)


asyncio.run(main())
