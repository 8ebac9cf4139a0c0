items = list(range(10))
print(items[2:5], items[:3], items[7:], items[-3:], items[:-7])
print(items[::2], items[1::3], items[::-1], items[8:2:-2])
print(items[100:], items[-100:2], items[5:1])
text = "Hello, World"
print(text[7:], text[::-1], text[-5:-1], text[0], text[-1])
t = (1, 2, 3, 4)
print(t[1:3], t[::-2])
items[2:4] = ["a", "b", "c"]
print(items)
items[:3] = []
print(items)
del items[::2]
print(items)
copy = items[:]
copy.append("new")
print(len(items), len(copy))
try:
    items[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    "abc"[5]
except IndexError as e:
    print("IndexError:", e)
