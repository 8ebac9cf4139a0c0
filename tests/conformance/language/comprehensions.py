nums = [3, 1, 4, 1, 5, 9, 2, 6]
print([n * 2 for n in nums])
print([n for n in nums if n % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[r * c for c in range(3)] for r in range(3)])
print({n: n ** 2 for n in nums})
print({n % 3 for n in nums})
print(sorted({w.lower() for w in ["A", "b", "a", "B"]}))
print(list(x + 1 for x in range(3)))
words = ["apple", "bee", "cat", "dolphin"]
print({w[0]: len(w) for w in words if len(w) > 2})
print(["even" if n % 2 == 0 else "odd" for n in range(4)])
x = "outer"
print([x for x in "ab"], x)
matrix = [[1, 2], [3, 4], [5, 6]]
print([v for row in matrix for v in row])
print([list(col) for col in zip(*matrix)])
