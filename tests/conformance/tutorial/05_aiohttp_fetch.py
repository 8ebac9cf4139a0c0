import asyncio
import aiohttp


async def fetch_data(url):
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as response:
            print(f"Status: {response.status}")
            return await response.json()


async def main():
    url = "https://jsonplaceholder.typicode.com/todos/1"
    data = await fetch_data(url)
    print(data)


if __name__ == "__main__":
    asyncio.run(main())
