names = ["ann", "bob", "cy"]
scores = [90, 75, 88]
for i, name in enumerate(names):
    print(i, name)
for i, name in enumerate(names, start=1):
    print(i, name)
print(list(zip(names, scores)), list(zip("ab", range(5))), dict(zip(names, scores)))
print(list(reversed(names)), list(reversed(range(3))), list(reversed((1, 2))))
print(list(map(str.upper, names)), list(map(lambda a, b: a + b, [1, 2], [10, 20])))
print(list(filter(lambda s: s > 80, scores)), list(filter(None, [0, 1, "", "x"])))
print(sum(scores), sum(scores, 10), sum([0.5, 0.25]), min(scores), max(names, key=len))
print(min([], default="empty"), max([3, 1], default=0), any([]), all([]), any([0, 1]), all([1, 0]))
print(len(names), len({"a": 1}), len(range(10, 0, -3)), len("abc"))
it = iter([1, 2, 3])
print(next(it), next(it), list(it), next(it, "exhausted"))
print(list(range(3)), range(1, 5)[2], 3 in range(5), list(range(0)))
r = range(0, 20, 5)
print(list(r), r[-1], len(r))
print(abs(-3), round(3.14159, 2), divmod(17, 5), pow(2, 8))
total = 0
for n in range(1, 101):
    total += n
print(total, sum(range(1, 101)))
try:
    next(iter([]))
except StopIteration:
    print("StopIteration")
try:
    min([])
except ValueError as e:
    print("ValueError:", e)
