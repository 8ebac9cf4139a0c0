class Counter:
    instances = 0

    def __init__(self, name, start=0):
        self.name = name
        self.value = start
        Counter.instances += 1

    def increment(self, by=1):
        self.value += by
        return self

    def describe(self):
        return f"{self.name}={self.value}"


a = Counter("a")
b = Counter("b", 10)
a.increment().increment(5)
b.increment()
print(a.describe(), b.describe(), Counter.instances)
b.extra = "dynamic attribute"
print(b.extra, hasattr(b, "extra"), hasattr(a, "extra"))
print(getattr(a, "missing", "default"))
setattr(a, "value", 99)
print(a.value, a.instances)
method = a.describe
print(method())
print(type(a).__name__, isinstance(a, Counter), type(a) is Counter)
try:
    a.nothing
except AttributeError as e:
    print("AttributeError:", e)


class Empty:
    pass


e = Empty()
e.x = 1
print(e.x, Empty.__name__)
