# functools.cached_property (computed once per instance, stored on it, deletable)
# and functools.total_ordering (the missing comparisons from one of < <= > >=).
from functools import cached_property, total_ordering


class Dataset:
    def __init__(self, values):
        self.values = values

    @cached_property
    def total(self):
        """The sum, computed once."""
        print("  summing", self.values)
        return sum(self.values)


d = Dataset([1, 2, 3])
print(d.total, d.total, "total" in vars(d))
d.values.append(4)
print(d.total)
del d.total
print(d.total, Dataset([5]).total)
d.total = 100
print(d.total)
print(type(Dataset.total).__name__, Dataset.total.__doc__, Dataset.total.attrname)

try:
    class Twice:
        @cached_property
        def a(self):
            return 1
        b = a
except (TypeError, RuntimeError) as e:
    print(type(e).__name__ + ":", e)


def loose(self):
    return 1


cp = cached_property(loose)
try:
    cp.__get__(d, Dataset)
except TypeError as e:
    print("TypeError:", e)


class Failing:
    @cached_property
    def value(self):
        print("  trying")
        raise ValueError("no value")


f = Failing()
for _ in range(2):
    try:
        f.value
    except ValueError as e:
        print("ValueError:", e)


@total_ordering
class Version:
    def __init__(self, *parts):
        self.parts = parts

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts

    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts < other.parts

    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))


a, b, c = Version(1, 2), Version(1, 10), Version(1, 2)
print(a < b, a <= b, a > b, a >= b, a <= c, a >= c, a > c)
print(sorted([b, a, Version(0, 9)]), max(a, b), min(b, a))
print(Version.__gt__.__name__, Version.__le__.__name__, Version.__ge__.__name__)
try:
    a < 3
except TypeError as e:
    print("TypeError:", e)
try:
    a >= 3
except TypeError as e:
    print("TypeError:", e)


@total_ordering
class Score:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __ge__(self, other):
        return self.n >= other.n


x, y = Score(3), Score(5)
print(x < y, x <= y, x > y, x >= y, y > x, Score(5) <= y)

try:
    @total_ordering
    class Plain:
        pass
except ValueError as e:
    print("ValueError:", e)
