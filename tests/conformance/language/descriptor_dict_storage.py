# Descriptors that keep their values in the instance's __dict__, as the
# descriptor how-to does.


class Typed:
    def __init__(self, kind):
        self.kind = kind

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.__dict__[self.name]

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name} must be {self.kind.__name__}")
        obj.__dict__[self.name] = value


class Point:
    x = Typed(int)
    y = Typed(int)

    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
print("stored:", p.x, p.y, vars(p))
p.x = 10
print("set again:", p.x, p.__dict__)
try:
    p.y = "no"
except TypeError as e:
    print("TypeError:", e)
# A data descriptor wins over the instance's own entry of its name.
p.__dict__["x"] = 5
print("through the descriptor:", p.x, type(Point.__dict__["x"]).__name__)


class Lazy:
    """A non-data descriptor caching its value in the instance."""

    def __init__(self, func):
        self.func = func
        self.name = func.__name__

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        value = self.func(obj)
        obj.__dict__[self.name] = value
        return value


class Report:
    calls = 0

    @Lazy
    def total(self):
        Report.calls += 1
        return 42


r = Report()
print("first:", r.total, "cached:", r.total, r.total, "computed", Report.calls, "time")
print("cache:", vars(r))
del r.__dict__["total"]
print("recomputed:", r.total, Report.calls)


class Counted:
    """A property whose value lives in __dict__ under another name."""

    @property
    def value(self):
        return self.__dict__.get("_value", 0)

    @value.setter
    def value(self, v):
        self.__dict__["_value"] = v
        self.__dict__["sets"] = self.__dict__.get("sets", 0) + 1


k = Counted()
print("property default:", k.value)
k.value = 3
k.value = 4
print("property:", k.value, k.sets, vars(k))
k.__dict__["value"] = "shadow?"
print("the property still wins:", k.value, k.__dict__["value"])

# Functions have a live __dict__ too.


def handler():
    pass


handler.__dict__["route"] = "/home"
handler.methods = ["GET"]
print("function:", handler.route, handler.__dict__)
fd = handler.__dict__
del handler.route
print("function dict:", fd is handler.__dict__, fd)
try:
    del handler.__dict__
except TypeError as e:
    print("TypeError:", e)

# A class's __dict__ reads as its namespace.
print("class dict:", "__init__" in Point.__dict__, Point.__dict__["x"].name,
      Point.__dict__.get("missing"), [k for k in Point.__dict__ if not k.startswith("__")])
