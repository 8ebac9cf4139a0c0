a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, id(a) == id(b), id(a) == id(c))
print(hash(0), hash(42), hash(-7), hash(-1), hash(True), hash(False), hash(3.0) == hash(3))
print(None is None, type(None) is type(None), isinstance(id(a), int))
x = None
if x is None:
    print("x is None")
if x is not None:
    print("never")
try:
    hash([1])
except TypeError as e:
    print("TypeError:", e)
