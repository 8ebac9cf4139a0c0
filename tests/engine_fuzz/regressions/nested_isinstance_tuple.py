# expect: RecursionError: maximum recursion depth exceeded in __instancecheck__
t = int
for i in range(50000):
    t = (t, str)
print(isinstance(1, t))
