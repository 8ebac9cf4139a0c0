"""asyncio.Runner as the docs use it (`with asyncio.Runner() as runner:`), whose
__exit__ runs the loop once more to shut it down, and a synchronous context manager
whose __enter__/__exit__ drive a loop of their own."""
import asyncio


async def step(n):
    return await asyncio.sleep(0.5, result=n * 2)


class LoopSession:
    def __enter__(self):
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(asyncio.sleep(0.25))
        print(f"session opened at {self.loop.time():.2f}")
        return self

    def __exit__(self, *exc):
        self.loop.run_until_complete(asyncio.sleep(0.25))
        print(f"session closed at {self.loop.time():.2f}, exc={exc[0]}")
        self.loop.close()
        return exc[0] is KeyError


with asyncio.Runner() as runner:
    print(runner.run(step(1)))
    print(runner.run(step(2)))
    print(f"{runner.get_loop().time():.1f}")
print(asyncio.run(step(5), debug=False))

with LoopSession() as s:
    print(s.loop.run_until_complete(step(3)))
with LoopSession() as s:
    raise KeyError("swallowed by __exit__")
print("after the sessions")
