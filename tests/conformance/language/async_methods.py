import asyncio


class Downloader:
    def __init__(self, name):
        self.name = name
        self.done = []

    async def fetch(self, item, delay):
        await asyncio.sleep(delay)
        self.done.append(item)
        return f"{self.name}:{item}"

    async def fetch_all(self, items):
        return await asyncio.gather(*(self.fetch(i, d) for i, d in items))


class SlowDownloader(Downloader):
    async def fetch(self, item, delay):
        print("slow fetch of", item)
        return await super().fetch(item, delay * 2)


async def main():
    d = Downloader("fast")
    print(await d.fetch_all([("a", 1), ("b", 0.5)]))
    print(d.done)
    s = SlowDownloader("slow")
    print(await s.fetch_all([("c", 1), ("d", 0.25)]))
    print(s.done, asyncio.get_running_loop().time())


asyncio.run(main())
