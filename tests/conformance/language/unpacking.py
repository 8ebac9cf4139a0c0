a, b = 1, 2
a, b = b, a
print(a, b)
first, *middle, last = [1, 2, 3, 4, 5]
print(first, middle, last)
*init, tail = "abc"
print(init, tail)
head, *rest = (1,)
print(head, rest)
(x, y), z = (1, 2), 3
print(x, y, z)
for i, (name, score) in enumerate([("ann", 3), ("bob", 5)]):
    print(i, name, score)
point = {"x": 1, "y": 2}
for key, value in point.items():
    print(key, value)
merged = [*range(3), *"ab", *[9]]
print(merged)
print({**point, "z": 3, **{"x": 10}})
print(*[1, 2, 3], sep="-")
t = 1, 2, 3
print(t, type(t).__name__)
single = 5,
print(single)
try:
    p, q = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    p, q, r = [1, 2]
except ValueError as e:
    print("ValueError:", e)
