print(int("12") + 1, float("1.5") * 2, str(3.0), bool(""), bool("False"), bool(0.0))
print(list("ab"), list((1, 2)), list({"k": 1}), tuple([1]), set([2, 2]), dict([(1, 2)]))
print(type(1), type(1.0), type("s"), type(None), type([]), type(()), type({}), type(set()))
print(type(True).__name__, type(print).__name__, type(len).__name__)
print(isinstance(True, int), isinstance(1, float), isinstance(1.0, (int, float)), isinstance(None, type(None)))
print(repr("s"), repr(1), repr([1, "a", None]), repr(("x",)), str("s"))
print(int(), float(), str(), list(), dict(), tuple(), bool())
print(str(1 / 4), int("0"), float("1e3"), int(float("2.0")), float(int("3")))


def f():
    pass


class K:
    pass


print(type(f).__name__, type(K).__name__, type(K()).__name__, f() is None)
print(int("-0"), str(-0.0), round(2.0), type(round(2.0)).__name__, type(round(2.0, 1)).__name__)
try:
    int(None)
except TypeError as e:
    print("TypeError:", e)
try:
    int("")
except ValueError as e:
    print("ValueError:", e)
