# expect: RecursionError: maximum recursion depth exceeded
g = iter([])
for i in range(50000):
    g = map(abs, g)
print(list(g))
