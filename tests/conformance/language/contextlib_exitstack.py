# contextlib.ExitStack: callbacks run last-in first-out, exceptions suppressed or
# replaced as nested with statements would, with their __context__ chains fixed.
import sys
from contextlib import ExitStack, contextmanager, suppress


class Resource:
    def __init__(self, name, suppress=False, fail=None):
        self.name, self.suppress, self.fail = name, suppress, fail

    def __enter__(self):
        print("open", self.name)
        return self.name

    def __exit__(self, typ, val, tb):
        print("close", self.name, typ.__name__ if typ else None, repr(val))
        if self.fail:
            raise self.fail
        return self.suppress


def chain_of(e):
    links = []
    while e is not None:
        links.append(repr(e))
        e = e.__context__
    return " <- ".join(links)


with ExitStack() as stack:
    names = [stack.enter_context(Resource(n)) for n in "abc"]
    stack.callback(print, "callback", 1, sep="-")
    print("body", names)

with ExitStack() as stack:
    stack.enter_context(Resource("s", suppress=True))
    stack.enter_context(Resource("t"))
    raise ValueError("boom")
print("suppressed by s")

try:
    with ExitStack() as stack:
        stack.enter_context(Resource("x", fail=KeyError("x-exit")))
        stack.enter_context(Resource("y", fail=IndexError("y-exit")))
        raise ValueError("body")
except Exception as e:
    print("caught", chain_of(e))

try:
    with ExitStack() as stack:
        stack.enter_context(Resource("p", fail=KeyError("p-exit")))
        stack.enter_context(Resource("q"))
except Exception as e:
    print("caught", chain_of(e))

try:
    with ExitStack() as stack:
        stack.callback(lambda: 1 / 0)
        stack.enter_context(Resource("r", suppress=True))
        raise ValueError("inner")
except Exception as e:
    print("caught", chain_of(e))

try:
    raise RuntimeError("outer")
except RuntimeError:
    try:
        with ExitStack() as stack:
            stack.enter_context(Resource("u", fail=KeyError("u-exit")))
            stack.enter_context(Resource("v", fail=IndexError("v-exit")))
    except Exception as e:
        print("caught", chain_of(e))

with ExitStack() as stack:
    stack.push(lambda *exc: print("pushed exit", exc[0]))
    print(stack.push(Resource("pushed")).name)

    @stack.callback
    def cleanup():
        print("decorated cleanup")
    print(cleanup.__name__)

stack = ExitStack()
stack.enter_context(Resource("moved"))
moved = stack.pop_all()
stack.close()
print("first stack closed")
moved.close()
moved.close()

try:
    with ExitStack() as stack:
        stack.enter_context(42)
except TypeError as e:
    print("TypeError:", e)


@contextmanager
def step(n):
    print("step in", n)
    try:
        yield n * 10
    finally:
        print("step out", n)


with ExitStack() as stack:
    print([stack.enter_context(step(i)) for i in range(3)])
    stack.enter_context(suppress(ZeroDivisionError))
    1 / 0
print("after suppress")
with ExitStack() as stack:
    stack.push(Resource("suppressor", suppress=True))
    raise KeyError("k")
print(sys.exc_info(), sys.exception())
try:
    raise KeyError(3)
except KeyError:
    kind, value, tb = sys.exc_info()
    print(kind, repr(value), repr(sys.exception()))
print("last")
with ExitStack() as stack:
    stack.enter_context(Resource("m", fail=KeyError("m-exit")))
    stack.enter_context(Resource("n", fail=IndexError("n-exit")))
    raise ValueError("the body failed")
