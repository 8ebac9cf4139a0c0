"""abc and collections.abc: abstract base classes for async backends, ABCs to
subclass, subscript and check against."""
import asyncio
import collections.abc
from abc import ABC, ABCMeta, abstractmethod
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence


class Storage(ABC):
    @abstractmethod
    async def save(self, key: str, value: str) -> None: ...

    @abstractmethod
    async def load(self, key: str) -> str: ...

    async def copy(self, src: str, dst: str) -> None:
        await self.save(dst, await self.load(src))


class MemoryStorage(Storage):
    def __init__(self):
        self._data = {}

    async def save(self, key, value):
        await asyncio.sleep(0.1)
        self._data[key] = value

    async def load(self, key):
        await asyncio.sleep(0.05)
        return self._data[key]


class HalfDone(Storage):
    async def save(self, key, value):
        pass


class Plugin(metaclass=ABCMeta):
    @property
    @abstractmethod
    def name(self): ...


class Echo(Plugin):
    name = "echo"


async def main():
    s = MemoryStorage()
    await asyncio.gather(*(s.save(f"k{i}", f"v{i}") for i in range(3)))
    await s.copy("k1", "k9")
    print(await s.load("k9"), sorted(s._data), isinstance(s, Storage))
    for cls in (Storage, HalfDone, Plugin):
        try:
            cls()
        except TypeError as e:
            print("TypeError:", e)
    print(Echo().name, sorted(Storage.__abstractmethods__), HalfDone.__abstractmethods__)


asyncio.run(main())


class Countdown(AsyncIterator):
    def __init__(self, n):
        self.n = n

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await asyncio.sleep(0.1)
        return self.n


class Squares(Sequence):
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if not 0 <= i < self.n:
            raise IndexError(i)
        return i * i


class Env(Mapping):
    def __init__(self, **kw):
        self._d = kw

    def __getitem__(self, k):
        return self._d[k]

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)


async def count():
    return [n async for n in Countdown(3)]


print(asyncio.run(count()))
sq = Squares(5)
print(list(sq), 9 in sq, sq.index(16), sq.count(4), list(reversed(sq)))
env = Env(HOME="/root", USER="me")
print(env.get("USER"), env.get("PATH", "-"), "HOME" in env, sorted(env.keys()), len(env))
print(AsyncIterator[int], Callable[[int], str], collections.abc.Iterable[str], Mapping)


async def coro():
    pass


c = coro()
checks = [(c, Awaitable), (c, collections.abc.Coroutine), ([], Sequence), ("s", Sequence),
          ({}, Mapping), ({1}, collections.abc.Set), (len, Callable), (print, Callable),
          (3, Iterable), (iter([]), collections.abc.Iterator), ((x for x in ()), collections.abc.Generator),
          (Countdown(1), AsyncIterator), (sq, Iterable), (env, collections.abc.Sized), ([], collections.abc.Hashable)]
print([isinstance(obj, abc) for obj, abc in checks])
c.close()
print(issubclass(list, collections.abc.MutableSequence), issubclass(dict, collections.abc.MutableMapping),
      issubclass(tuple, collections.abc.MutableSequence), issubclass(Squares, Sequence))


class Broken(collections.abc.Iterator):
    pass


try:
    Broken()
except TypeError as e:
    print("TypeError:", e)
