x = 5
assert x == 5
try:
    assert x > 10, f"x is too small: {x}"
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert False
except AssertionError as e:
    print("bare AssertionError:", repr(e))

data = [1, 2, 3, 4, 5]
del data[0]
del data[-1]
print(data)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
a, b = 1, 2
del a, b


class Thing:
    pass


t = Thing()
t.attr = 1
del t.attr
print(hasattr(t, "attr"))
try:
    del d["missing"]
except KeyError as e:
    print("KeyError:", e)
