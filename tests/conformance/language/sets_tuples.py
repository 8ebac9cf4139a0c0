s = {3, 1, 2}
s.add(4)
s.add(1)
s.discard(10)
s.remove(3)
print(s, len(s), 2 in s)
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.issubset({1, 2, 3, 4, 5}), {1} <= a)
print(set(), set([1, 1, 2]), sorted({"b", "a"}), len(set("hello")))
print({1, 2} == {2, 1}, {x % 4 for x in range(10)})
try:
    s.remove(99)
except KeyError as e:
    print("KeyError:", e)
t = (1, "two", 3.0, None)
print(t, t[1], t[-1], len(t), t.index(3.0), t.count(None), (1, 2) + (3,), (0,) * 3)
print((1, 2) == (1, 2), (1, 2) < (1, 3), tuple([4, 5]), tuple("ab"), ())
x, y = (10, 20)
print(x + y, type(()).__name__, (1) == 1, (1,) == 1)
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)
print(max((1, "b"), (1, "a")), sorted([(2, "b"), (1, "z"), (2, "a")]))
