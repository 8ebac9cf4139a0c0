class Config:
    defaults = {"debug": False}
    version = 1
    registry = []

    def __init__(self, name):
        self.name = name
        self.registry.append(name)

    def bump(self):
        self.version += 1
        return self.version


a = Config("a")
b = Config("b")
print(Config.registry, a.registry is b.registry)
print(a.bump(), a.bump(), b.version, Config.version)
Config.version = 10
print(a.version, b.version, Config("c").version)
print(a.defaults["debug"], hasattr(a, "name"), hasattr(Config, "name"))


class Shape:
    sides = 0

    def describe(self):
        return f"{type(self).__name__} with {self.sides} sides, area {self.area():.2f}"

    def area(self):
        raise NotImplementedError("subclasses must implement area")


class Square(Shape):
    sides = 4

    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side ** 2


class Triangle(Shape):
    sides = 3

    def __init__(self, base, height):
        self.base, self.height = base, height

    def area(self):
        return self.base * self.height / 2


for shape in (Square(3), Triangle(3, 5)):
    print(shape.describe())
try:
    Shape().describe()
except NotImplementedError as e:
    print("NotImplementedError:", e)
