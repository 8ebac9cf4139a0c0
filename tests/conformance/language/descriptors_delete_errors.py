# __delete__, the missing-method errors, __set_name__ failures, and
# AttributeError from __get__ falling back to __getattr__.


class Field:
    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        try:
            return obj._data[self.name]
        except KeyError:
            raise AttributeError(f"{self.name} is not set") from None

    def __set__(self, obj, value):
        print(f"  set {self.name} = {value!r}")
        obj._data[self.name] = value

    def __delete__(self, obj):
        print(f"  delete {self.name}")
        del obj._data[self.name]


class Record:
    title = Field()

    def __init__(self):
        self._data = {}


r = Record()
r.title = "Dune"
print(r.title, r._data)
del r.title
print(r._data, hasattr(r, "title"))
try:
    r.title
except AttributeError as e:
    print("AttributeError:", e)
try:
    del r.title
except KeyError as e:
    print("KeyError:", e)


class WithFallback(Record):
    def __getattr__(self, name):
        return f"__getattr__({name!r})"


w = WithFallback()
print(w.title)
w.title = "Emma"
print(w.title)
print(w.missing)


class OnlyGetDelete:
    def __get__(self, obj, objtype=None):
        return "got"

    def __delete__(self, obj):
        print("  OnlyGetDelete.__delete__")


class OnlySet:
    def __set__(self, obj, value):
        print("  OnlySet.__set__", value)


class Mixed:
    a = OnlyGetDelete()
    b = OnlySet()


m = Mixed()
del m.a
print(m.a)
try:
    m.a = 1
except AttributeError as e:
    print("AttributeError:", e)
m.b = 2
try:
    del m.b
except AttributeError as e:
    print("AttributeError:", e)


class Broken:
    def __get__(self, obj, objtype=None):
        raise ValueError("broken __get__")


class UsesBroken:
    x = Broken()

    def __getattr__(self, name):
        return "never for ValueError"


try:
    UsesBroken().x
except ValueError as e:
    print("ValueError:", e)
try:
    UsesBroken.x
except ValueError as e:
    print("ValueError (class access):", e)


class BadName:
    def __set_name__(self, owner, name):
        raise ValueError(f"no {name} in {owner.__name__}")


try:

    class Owner:
        ok = 1
        bad = BadName()

except RuntimeError as e:
    print("RuntimeError:", e)
    print("  cause:", type(e.__cause__).__name__, e.__cause__)


class WrongArity:
    def __set_name__(self, owner):
        pass


try:

    class Owner2:
        w = WrongArity()

except RuntimeError as e:
    print("RuntimeError:", e)
    print("  cause:", type(e.__cause__).__name__)


# __set_name__ runs before __init_subclass__, and only for class-body values.
class Announce:
    def __set_name__(self, owner, name):
        print(f"  __set_name__ {owner.__name__}.{name}")


class Base:
    def __init_subclass__(cls):
        print(f"  __init_subclass__ {cls.__name__}")


class Child(Base):
    one = Announce()
    two = Announce()


Child.three = Announce()
print("set later: no __set_name__")


# A user __setattr__ comes first; object.__setattr__ then uses the descriptor.
class Logged:
    title = Field()

    def __init__(self):
        object.__setattr__(self, "_data", {})

    def __setattr__(self, name, value):
        print(f"  __setattr__({name!r})")
        object.__setattr__(self, name, value)


lg = Logged()
lg.title = "Ulysses"
print(lg.title)
