# A generator that dies suspended inside try/finally (or with) is closed at once,
# as CPython closes it when its last reference goes. (A clean-up that fails is
# reported on stderr with the generator's address: tests/generator_finalize.rs.)


class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("open", self.name)
        return self

    def __exit__(self, *exc):
        print("close", self.name, exc[0].__name__ if exc[0] else None)
        return False


def gen(tag):
    try:
        yield 1
        yield 2
    finally:
        print("finally", tag)


def with_resource():
    with Resource("r"):
        yield "a"
        yield "b"


def catches_exit():
    try:
        yield 1
    except GeneratorExit:
        print("caught GeneratorExit")
        raise


def no_try():
    yield 1
    yield 2


for x in gen("loop"):
    print(x)
    break
print("after loop")

g = gen("del")
next(g)
del g
print("after del")

g = gen("rebind")
next(g)
g = None
print("after rebind")


def f():
    h = gen("local")
    next(h)
    print("f returns")


f()
print("after f")

print(next(iter(gen("temporary"))))
print("after temporary")

print(any(x > 0 for x in [1, 2, 3]), "any over a generator expression")

for item in with_resource():
    print(item)
    break
print("after with")

c = catches_exit()
next(c)
c = None
print("after catches")

n = no_try()
next(n)
n = None
print("after no_try")

done = gen("exhausted")
print(list(done))
done = None
print("after exhausted")

fresh = gen("never started")
fresh = None
print("end")
