# An exception's __context__ is set where it is raised; propagating out of a
# function called from native code (sorted's key, __exit__, __next__ driven by
# list(), __repr__ driven by repr()) does not chain it again.
def cleared(msg):
    try:
        raise ValueError(msg)
    except ValueError as e:
        e.__context__ = None
        raise


class Exit:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        cleared("from __exit__")


class Iter:
    def __iter__(self):
        return self

    def __next__(self):
        cleared("from __next__")


class Repr:
    def __repr__(self):
        cleared("from __repr__")


class Attr:
    def __getattr__(self, name):
        cleared("from __getattr__")


class Seq:
    def __getitem__(self, i):
        cleared("from __getitem__")


class Eq:
    def __eq__(self, other):
        cleared("from __eq__")


def through_for():
    for _ in Iter():
        pass


def through_sorted():
    sorted([2, 1], key=lambda x: cleared("from key"))


def through_with():
    with Exit():
        pass


tests = [through_sorted, through_with, lambda: list(Iter()), lambda: repr(Repr()),
         lambda: cleared("direct call"), lambda: list(map(cleared, ["from map"])),
         lambda: hasattr(Attr(), "x"), lambda: getattr(Attr(), "x", None), through_for,
         lambda: next(Iter()), lambda: list(Seq()), lambda: Eq() in [1]]
for test in tests:
    try:
        raise RuntimeError("being handled")
    except RuntimeError:
        try:
            test()
        except ValueError as e:
            print(e, "->", repr(e.__context__))

try:
    raise RuntimeError("outer")
except RuntimeError:
    try:
        sorted([1, 2], key=lambda x: 1 / 0)
    except ZeroDivisionError as e:
        print("fresh error:", repr(e.__context__))
try:
    raise RuntimeError("outer")
except RuntimeError:
    through_with()
