a = [3, 1, 2]
a.append(4)
a.extend([5, 6])
a.insert(0, 0)
a.insert(100, 99)
print(a)
print(a.pop(), a.pop(0), a)
a.remove(2)
print(a, a.index(5), a.count(1), len(a))
a.reverse()
print(a)
a.sort()
print(a)
a.sort(reverse=True)
print(a)
b = a.copy()
b.clear()
print(a, b)
nested = [[0] * 2] * 2
nested[0][0] = 1
print(nested)
fresh = [[0] * 2 for _ in range(2)]
fresh[0][0] = 1
print(fresh)
print([1, 2] + [3], [1, 2] * 2, 2 in [1, 2], [1, [2, 3]][1][0])
print(list(range(5)), list(range(2, 10, 3)), list(range(5, 0, -2)))
print(min([4, 2, 8]), max([4, 2, 8]), sum([4, 2, 8]), sorted([4, 2, 8]))
stack = []
stack.append(1)
stack.append(2)
print(stack.pop(), stack)
x = [1, 2, 3]
y = x
y.append(4)
print(x, x is y, x == [1, 2, 3, 4])
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1].remove(5)
except ValueError as e:
    print("ValueError:", e)
try:
    [1, 2][5]
except IndexError as e:
    print("IndexError:", e)
