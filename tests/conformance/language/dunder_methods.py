class Vector:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Vector({self.x!r}, {self.y!r})"

    def __str__(self):
        return f"<{self.x}, {self.y}>"

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vector(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k)

    def __eq__(self, other):
        return isinstance(other, Vector) and (self.x, self.y) == (other.x, other.y)

    def __lt__(self, other):
        return (self.x ** 2 + self.y ** 2) < (other.x ** 2 + other.y ** 2)

    def __hash__(self):
        return hash((self.x, self.y))

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (self.x, self.y)[i]

    def __iter__(self):
        yield self.x
        yield self.y

    def __bool__(self):
        return bool(self.x or self.y)

    def __contains__(self, value):
        return value in (self.x, self.y)

    def __call__(self, scale):
        return self * scale


v = Vector(1, 2)
w = Vector(3, 4)
print(v + w, repr(v - w), v * 3)
print([v, w], str(v))
print(v == Vector(1, 2), v != w, v < w, sorted([w, v]))
print(len(v), v[0], v[-1], list(v), 2 in v, 5 in v)
print(bool(Vector(0, 0)), bool(v), v(10))
x, y = w
print(x, y, f"{v}", f"{v!r}")
print(len({v, Vector(1, 2), w}))


class Box:
    def __init__(self, items):
        self.items = items

    def __setitem__(self, key, value):
        self.items[key] = value

    def __delitem__(self, key):
        del self.items[key]

    def __iadd__(self, more):
        self.items.extend(more)
        return self


b = Box([1, 2, 3])
b[0] = 10
del b[1]
b += [4]
print(b.items)
