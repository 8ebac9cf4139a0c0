# expect: RecursionError: maximum recursion depth exceeded while getting the repr of an object
d = {}
for i in range(50000):
    d = {1: d}
print(str(d))
