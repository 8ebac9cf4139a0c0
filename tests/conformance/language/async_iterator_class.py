import asyncio


class Ticker:
    def __init__(self, count, delay):
        self.count = count
        self.delay = delay
        self.i = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.count:
            raise StopAsyncIteration
        await asyncio.sleep(self.delay)
        self.i += 1
        return self.i


async def main():
    async for n in Ticker(3, 0.5):
        print("tick", n, "at", asyncio.get_running_loop().time())
    print([n async for n in Ticker(2, 0)])
    total = 0
    async for n in Ticker(4, 0.25):
        if n == 3:
            break
        total += n
    print("total", total, "at", asyncio.get_running_loop().time())


asyncio.run(main())
