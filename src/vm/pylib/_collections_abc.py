# collections.abc for Awaitscope: the ABCs to subclass (mixin and abstract methods as
# CPython's), to subscript (`AsyncIterator[int]`) and to check against. There are no
# metaclasses: isinstance()/issubclass() call `__awaitscope_subclasscheck__`, which
# asks the one-method ABCs about the type's methods (CPython's __subclasshook__s) and
# the container ABCs about the builtins CPython registers with them.
from abc import ABC, abstractmethod
from types import GenericAlias as _GA

_FUNCS = (type(len), type(lambda: None), type(ABC.__init_subclass__), type)


class _Base(ABC):
    _methods = None
    _registered = ()

    @classmethod
    def __class_getitem__(cls, item):
        return _GA(cls, item)

    @classmethod
    def __awaitscope_subclasscheck__(cls, t):
        if cls in t.__mro__:
            return True
        if cls.__module__ != "collections.abc" or cls is _Base:
            return False
        if cls is Callable and issubclass(t, _FUNCS):
            return True
        if cls is Hashable and issubclass(t, (list, dict, set)):
            return False
        if any(issubclass(t, r) for r in cls._registered):
            return True
        return cls._methods is not None and all(getattr(t, m, None) is not None
                                                for m in cls._methods)


class Hashable(_Base):
    _methods = ("__hash__",)

    @abstractmethod
    def __hash__(self):
        return 0


class Awaitable(_Base):
    _methods = ("__await__",)

    @abstractmethod
    def __await__(self):
        yield


class Coroutine(Awaitable):
    _methods = ("__await__", "send", "throw", "close")

    @abstractmethod
    def send(self, value):
        raise StopIteration

    @abstractmethod
    def throw(self, typ, val=None, tb=None):
        raise typ if val is None else val

    def close(self):
        try:
            self.throw(GeneratorExit)
        except (GeneratorExit, StopIteration):
            pass
        else:
            raise RuntimeError("coroutine ignored GeneratorExit")


class AsyncIterable(_Base):
    _methods = ("__aiter__",)

    @abstractmethod
    def __aiter__(self):
        return AsyncIterator()


class AsyncIterator(AsyncIterable):
    _methods = ("__aiter__", "__anext__")

    @abstractmethod
    async def __anext__(self):
        raise StopAsyncIteration

    def __aiter__(self):
        return self


class AsyncGenerator(AsyncIterator):
    _methods = ("__aiter__", "__anext__", "asend", "athrow", "aclose")

    async def __anext__(self):
        return await self.asend(None)

    @abstractmethod
    async def asend(self, value):
        raise StopAsyncIteration

    @abstractmethod
    async def athrow(self, typ, val=None, tb=None):
        raise typ if val is None else val


class Iterable(_Base):
    _methods = ("__iter__",)

    @abstractmethod
    def __iter__(self):
        while False:
            yield None


class Iterator(Iterable):
    _methods = ("__iter__", "__next__")

    @abstractmethod
    def __next__(self):
        raise StopIteration

    def __iter__(self):
        return self


class Reversible(Iterable):
    _methods = ("__reversed__", "__iter__")

    @abstractmethod
    def __reversed__(self):
        while False:
            yield None


class Generator(Iterator):
    _methods = ("__iter__", "__next__", "send", "throw", "close")

    def __next__(self):
        return self.send(None)

    @abstractmethod
    def send(self, value):
        raise StopIteration

    @abstractmethod
    def throw(self, typ, val=None, tb=None):
        raise typ if val is None else val


class Sized(_Base):
    _methods = ("__len__",)

    @abstractmethod
    def __len__(self):
        return 0


class Container(_Base):
    _methods = ("__contains__",)

    @abstractmethod
    def __contains__(self, x):
        return False


class Collection(Sized, Iterable, Container):
    _methods = ("__len__", "__iter__", "__contains__")


class Callable(_Base):
    _methods = ("__call__",)

    @abstractmethod
    def __call__(self, *args, **kwds):
        return False


class Set(Collection):
    _methods = None
    _registered = (frozenset, set)


class MutableSet(Set):
    _registered = (set,)

    @abstractmethod
    def add(self, value):
        raise NotImplementedError

    @abstractmethod
    def discard(self, value):
        raise NotImplementedError


class Mapping(Collection):
    _methods = None
    _registered = (dict,)

    @abstractmethod
    def __getitem__(self, key):
        raise KeyError

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        try:
            self[key]
        except KeyError:
            return False
        return True

    def keys(self):
        return list(self)

    def items(self):
        return [(key, self[key]) for key in self]

    def values(self):
        return [self[key] for key in self]

    def __eq__(self, other):
        if not isinstance(other, Mapping):
            return NotImplemented
        return dict(self.items()) == dict(other.items())

    __reversed__ = None


class MutableMapping(Mapping):
    @abstractmethod
    def __setitem__(self, key, value):
        raise KeyError

    @abstractmethod
    def __delitem__(self, key):
        raise KeyError

    def pop(self, key, *default):
        try:
            value = self[key]
        except KeyError:
            if default:
                return default[0]
            raise
        del self[key]
        return value

    def clear(self):
        for key in list(self):
            del self[key]

    def update(self, other=(), **kwds):
        for key, value in (other.items() if hasattr(other, "keys") else other):
            self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def setdefault(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default


class Sequence(Reversible, Collection):
    _methods = None
    _registered = (tuple, str, range, bytes, list)

    @abstractmethod
    def __getitem__(self, index):
        raise IndexError

    def __iter__(self):
        i = 0
        try:
            while True:
                yield self[i]
                i += 1
        except IndexError:
            return

    def __contains__(self, value):
        return any(v is value or v == value for v in self)

    def __reversed__(self):
        for i in reversed(range(len(self))):
            yield self[i]

    def index(self, value):
        for i, v in enumerate(self):
            if v is value or v == value:
                return i
        raise ValueError

    def count(self, value):
        return sum(1 for v in self if v is value or v == value)


class MutableSequence(Sequence):
    _registered = (list,)

    @abstractmethod
    def __setitem__(self, index, value):
        raise IndexError

    @abstractmethod
    def __delitem__(self, index):
        raise IndexError

    @abstractmethod
    def insert(self, index, value):
        raise IndexError

    def append(self, value):
        self.insert(len(self), value)

    def extend(self, values):
        for v in values:
            self.append(v)

    def pop(self, index=-1):
        v = self[index]
        del self[index]
        return v

    def remove(self, value):
        del self[self.index(value)]

    def reverse(self):
        n = len(self)
        for i in range(n // 2):
            self[i], self[n - i - 1] = self[n - i - 1], self[i]

    def __iadd__(self, values):
        self.extend(values)
        return self
