# expect: RecursionError: maximum recursion depth exceeded in comparison
a = []
for i in range(50000):
    a = [a]
print(a == a[0])
