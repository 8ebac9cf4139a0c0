def countdown(n):
    print("countdown starts")
    while n > 0:
        yield n
        n -= 1
    print("countdown ends")
    return "finished"


gen = countdown(3)
print("generator created")
print(next(gen))
print(next(gen))
print(list(gen))
try:
    next(gen)
except StopIteration:
    print("StopIteration")


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


result = []
for value in fib():
    if value > 100:
        break
    result.append(value)
print(result)


def pairs(items):
    for i, item in enumerate(items):
        yield i, item


print(dict(pairs("abc")))
squares = (x * x for x in range(5))
print(sum(squares), sum(x for x in range(10) if x % 2))
print(next(iter([]), "default"), next(countdown(0), "empty"))


def delegate():
    yield "start"
    for v in countdown(2):
        yield v
    yield "end"


print(list(delegate()))
print(max(len(w) for w in ["a", "abc", "ab"]), any(x > 3 for x in [1, 5]), all(x for x in []))
