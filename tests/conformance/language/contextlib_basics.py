from contextlib import contextmanager, suppress, nullcontext, closing, ContextDecorator


@contextmanager
def tag(name):
    """Wrap output in a tag."""
    print(f"<{name}>")
    try:
        yield name.upper()
    except KeyError as e:
        print("tag caught", repr(e))
    finally:
        print(f"</{name}>")


with tag("a") as t:
    print("inside", t)

with tag("b"):
    raise KeyError("k")
print("after b (suppressed by the generator)")

try:
    with tag("c"):
        raise ValueError("v")
except ValueError as e:
    print("re-raised", repr(e))

print(tag.__name__, tag.__doc__, tag.__wrapped__.__name__)


@contextmanager
def no_yield():
    if False:
        yield


try:
    with no_yield():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)


@contextmanager
def two_yields():
    yield 1
    yield 2


try:
    with two_yields():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)


@contextmanager
def keeps_going():
    try:
        yield
    except ZeroDivisionError:
        yield


try:
    with keeps_going():
        1 / 0
except RuntimeError as e:
    print("RuntimeError:", e)


@contextmanager
def translate():
    try:
        yield
    except ValueError as e:
        raise TypeError("translated") from e


try:
    with translate():
        raise ValueError("orig")
except TypeError as e:
    print("TypeError:", e, "cause:", repr(e.__cause__))


@contextmanager
def stop_inside():
    yield


try:
    with stop_inside():
        raise StopIteration("s")
except StopIteration as e:
    print("StopIteration passed through:", e)

with suppress(KeyError, IndexError):
    [][1]
print("suppressed IndexError")
try:
    with suppress(KeyError):
        raise ValueError("not suppressed")
except ValueError as e:
    print("ValueError:", e)

with nullcontext(42) as n:
    print("nullcontext gives", n)
with nullcontext() as n:
    print("nullcontext gives", n)


class Resource:
    def close(self):
        print("closed")


with closing(Resource()) as r:
    print("using", type(r).__name__)


@tag("deco")
def decorated(x):
    print("decorated body", x)
    return x * 2


print(decorated(3))
print(decorated(4))


class mycm(ContextDecorator):
    def __enter__(self):
        print("mycm enter")
        return self

    def __exit__(self, *exc):
        print("mycm exit", exc[0])
        return False


@mycm()
def f():
    print("in f")


f()
