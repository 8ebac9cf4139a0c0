import functools
from functools import partial, reduce, wraps


def power(base, exp, *, mod=None):
    r = base ** exp
    return r % mod if mod else r


square = partial(power, exp=2)
cube = partial(power, exp=3, mod=1000)
print(square(7), cube(12), cube(12, mod=7))
print(square.func is power, square.args, square.keywords)
two = partial(power, 2)
print(two(10), partial(two, 5)(), partial(two, 5).args)
p = partial(print, "a", sep="-")
print(repr(p))
p("b", "c")
print(repr(partial(max, 1, 2)), repr(partial(partial(max, 1), 2, key=abs)))

print(reduce(lambda a, b: a + b, [1, 2, 3, 4]))
print(reduce(lambda a, b: a * b, range(1, 6), 10))
print(reduce(max, [], "init"))
try:
    reduce(max, [])
except TypeError as e:
    print("TypeError:", e)


def logged(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        print("calling", func.__name__, args, kwargs)
        return func(*args, **kwargs)
    return wrapper


@logged
def add(a, b=1):
    """Add two numbers."""
    return a + b


print(add(2), add(2, b=5))
print(add.__name__, add.__qualname__, add.__doc__, add.__module__)
print(add.__wrapped__.__name__, add.__wrapped__(1, 1))


def undocumented():
    pass


u = functools.update_wrapper(lambda: None, undocumented)
print(u.__name__, u.__doc__, u.__wrapped__ is undocumented)
undocumented.tag = "t"
print(functools.wraps(undocumented)(lambda: 0).tag)
try:
    partial(5)
except TypeError as e:
    print("TypeError:", e)
