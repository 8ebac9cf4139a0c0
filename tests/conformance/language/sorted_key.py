people = [("ann", 31), ("bob", 25), ("cy", 31), ("di", 19)]
print(sorted(people))
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(people, key=lambda p: (-p[1], p[0])))
words = ["banana", "Apple", "cherry", "apple", "Banana"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len))
print(sorted([3, -1, 2, -5], key=abs), sorted([3.5, 1, 2.25]), sorted("hello"))
nums = [5, 2, 9, 1]
nums.sort(key=lambda n: n % 3)
print(nums)
print(sorted({3: "c", 1: "a", 2: "b"}), sorted({3: "c", 1: "a"}.items()))


class Item:
    def __init__(self, name, price):
        self.name = name
        self.price = price

    def __repr__(self):
        return f"Item({self.name!r}, {self.price})"


items = [Item("pen", 2.5), Item("book", 12.0), Item("cup", 2.5)]
print(sorted(items, key=lambda it: it.price))
print(max(items, key=lambda it: it.price), min(items, key=lambda it: it.name))
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError:", e)
