# itertools' infinite iterators: count, cycle, repeat (lazy, CPython's reprs).
import itertools
from itertools import count, cycle, islice, repeat

print(list(islice(count(), 5)), list(islice(count(10, 5), 3)))
print(list(islice(count(0.5, 0.25), 4)), list(islice(count(3, -1), 4)))
print(list(zip(count(1), "abc")))
c = count(5)
print(c, next(c), next(c), c)
print(count(), count(1, 2), count(1.5), count(2, 1.0), count(step=3), count(-1, 1))
print(iter(c) is c, type(c).__name__, isinstance(c, count))
try:
    count("a")
except TypeError as e:
    print("TypeError:", e)
try:
    count(1, None)
except TypeError as e:
    print("TypeError:", e)

print(list(islice(cycle("AB"), 5)), list(cycle([])))
seen = []


def letters():
    for ch in "xyz":
        seen.append(ch)
        yield ch


cy = cycle(letters())
print(seen, [next(cy) for _ in range(2)], seen)
print([next(cy) for _ in range(5)], seen)
try:
    cycle(3)
except TypeError as e:
    print("TypeError:", e)

print(list(repeat("a", 3)), list(repeat(None, 0)), list(repeat(1, -2)))
r = repeat([1], 2)
print(r, next(r), r, next(r), r, list(r))
print(repeat("x"), repeat("x", times=4), repeat(3, -1))
print(list(map(pow, range(5), repeat(2))), list(zip("ab", repeat(0))))
print(r.__length_hint__(), repeat(0, 7).__length_hint__())
try:
    repeat(1, "2")
except TypeError as e:
    print("TypeError:", e)
try:
    repeat(1).__length_hint__()
except TypeError as e:
    print("TypeError:", e)
print(sorted(n for n in dir(itertools) if not n.startswith("_"))[:6])
