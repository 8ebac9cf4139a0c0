# A validated `delay` attribute (a data descriptor) read by tasks as they sleep.
import asyncio


class Delay:
    def __set_name__(self, owner, name):
        self.name = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name)

    def __set__(self, obj, value):
        if not isinstance(value, (int, float)) or value < 0:
            raise ValueError(f"delay must be a non-negative number, got {value!r}")
        setattr(obj, self.name, value)


class Worker:
    delay = Delay()

    def __init__(self, name, delay):
        self.name = name
        self.delay = delay

    async def run(self, rounds):
        for i in range(rounds):
            await asyncio.sleep(self.delay)
            print(f"{self.name} round {i} after {self.delay}s")
        return self.name


async def main():
    workers = [Worker("fast", 0.5), Worker("slow", 1.5), Worker("mid", 1)]
    try:
        Worker("bad", -1)
    except ValueError as e:
        print("ValueError:", e)
    t = asyncio.create_task(workers[0].run(3))
    await asyncio.sleep(0.75)
    workers[0].delay = 0.25
    print("fast now waits", workers[0].delay)
    results = await asyncio.gather(t, workers[1].run(2), workers[2].run(2))
    print(results)
    try:
        workers[1].delay = "soon"
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
