class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"


class EqNoHash:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return isinstance(other, EqNoHash) and self.v == other.v


class Base:
    kind = "base"

    def who(self):
        return f"{type(self).__name__}/{self.kind}"

    def __repr__(self):
        return f"<{self.who()}>"


class Child(Base):
    kind = "child"


print(OnlyRepr(), str(OnlyRepr()), [OnlyRepr()], f"{OnlyRepr()}")
print(EqNoHash(1) == EqNoHash(1), EqNoHash(1) != EqNoHash(2), EqNoHash(1) in [EqNoHash(1)])
try:
    {EqNoHash(1)}
except TypeError as e:
    print("TypeError:", e)
c = Child()
print(c, Base(), c.who(), [Child()])
c.kind = "instance"
print(c.who(), Child.kind, Base.kind)
a = b = []
a.append(1)
print(a, b, a is b)
x, y = y_list = [1, 2]
print(x, y, y_list)
print(*[], sep="-")
print("end")
print(type(c) == Child, type(c) is Base, isinstance(c, Base), issubclass(bool, int))
values = {"a": 1, "b": 2}
print(2 in values.values(), "a" in values.keys(), ("a", 1) in values.items())
print(min([3, 1, 1, 2], key=lambda v: v % 2), max(["bb", "aa", "c"], key=len))
print(sorted([(1, "b"), (1, "a"), (0, "z")], key=lambda t: t[0]))
print("abc" * -1 == "", [1] * 0, list(range(10))[8:2:-3], "hello"[::-2])
