# functools.lru_cache and cache: hits, misses, eviction order, typed keys,
# cache_info/cache_clear/cache_parameters, __wrapped__, methods, recursion.
import functools
from functools import cache, lru_cache

calls = []


@lru_cache(maxsize=2)
def square(n):
    """Square n."""
    calls.append(n)
    return n * n


print(square(2), square(3), square(2), calls)
print(square.cache_info())
print(square(4), calls)          # evicts 3, the least recently used
print(square(2), square(3), calls)
print(square.cache_info(), square.cache_parameters())
print(square.__name__, square.__doc__, square.__wrapped__(5), calls[-1])
square.cache_clear()
print(square.cache_info(), square(2), calls)


@lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(30), fib.cache_info(), fib.cache_parameters())


@cache
def fact(n):
    return n * fact(n - 1) if n else 1


print(fact(10), fact(5), fact.cache_info())
print(fact.__wrapped__ is not fact, fact.__name__)


@lru_cache(maxsize=None)
def ident(*args, **kwargs):
    calls.append((args, kwargs))
    return args, kwargs


calls.clear()
ident(1, b=2)
ident(1, b=2)
ident(1, 2)
ident(b=2, a=1)
ident(a=1, b=2)
ident(1.0, b=2)
print(len(calls), ident.cache_info())


@lru_cache(typed=True)
def typed(x):
    return type(x).__name__


print(typed(1), typed(1.0), typed(True), typed.cache_info())


@lru_cache
def untyped(x):
    return repr(x)


print(untyped(1), untyped(1.0), untyped(True), untyped("1"), untyped.cache_info())


@lru_cache(maxsize=0)
def nocache(x):
    return x


nocache(1), nocache(1)
print(nocache.cache_info())


@lru_cache(maxsize=-5)
def negative(x):
    return x


negative(1)
print(negative.cache_info())


class Temperature:
    def __init__(self, c):
        self.c = c

    @lru_cache(maxsize=8)
    def fahrenheit(self, digits=1):
        print("  computing for", self.c)
        return round(self.c * 9 / 5 + 32, digits)


t, u = Temperature(21.5), Temperature(-3)
print(t.fahrenheit(), t.fahrenheit(), u.fahrenheit(), t.fahrenheit(0))
print(Temperature.fahrenheit.cache_info())

try:
    square([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    lru_cache("big")
except TypeError as e:
    print("TypeError:", e)


@lru_cache(maxsize=3)
def fails(x):
    calls.append(x)
    raise ValueError(x)


calls.clear()
for _ in range(2):
    try:
        fails(7)
    except ValueError as e:
        print("ValueError:", e)
print(calls, fails.cache_info())

wrapped = functools.lru_cache(maxsize=1)(len)
print(wrapped("abc"), wrapped("abc"), wrapped((1,)), wrapped.cache_info())
