# Non-data descriptors (only __get__) lose to the instance's namespace; data
# descriptors (__set__ or __delete__) win; class access calls __get__(None, cls).


class Describe:
    def __get__(self, obj, objtype=None):
        who = "class" if obj is None else "instance"
        return f"Describe via {who} of {objtype.__name__}"


class Lazy:
    """A cached attribute: computed once, then stored on the instance."""

    def __init__(self, func):
        self.func = func
        self.name = func.__name__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        print(f"  computing {self.name}")
        value = self.func(obj)
        setattr(obj, self.name, value)
        return value


class Circle:
    info = Describe()

    def __init__(self, r):
        self.r = r

    @Lazy
    def area(self):
        return 3 * self.r * self.r


c = Circle(2)
print(c.info)
print(Circle.info)
print("area:", c.area)
print("area again:", c.area)
print(sorted(vars(c)))
del c.area
print("after del:", c.area)
print(type(Circle.area).__name__, Circle.area.name)

# The instance's own attribute shadows the non-data descriptor.
c.info = "own info"
print(c.info, "|", Circle.info)
del c.info
print(c.info)


class Sub(Circle):
    pass


print(Sub(1).info)
print(Sub.info)


# A descriptor whose __get__ takes only the instance argument passed positionally.
class Const:
    def __init__(self, v):
        self.v = v

    def __get__(self, obj, objtype):
        return self.v if obj is not None else ("const", objtype.__name__)


class Holder:
    answer = Const(42)


h = Holder()
print(h.answer, Holder.answer)


# A data descriptor without __get__: the namespace wins when it has the name,
# else the descriptor object itself is the attribute.
class SetOnly:
    def __set__(self, obj, value):
        print("  SetOnly.__set__", value)


class Box:
    s = SetOnly()


b = Box()
print(type(b.s).__name__)
b.s = 1
print(type(b.s).__name__, vars(b))


# A load site warmed up on an instance attribute, then a descriptor arrives.
def load(o):
    return o.x


class Plain:
    pass


p = Plain()
p.x = "own x"
print([load(p) for _ in range(3)])
Plain.x = Describe()
print(load(p), "(non-data: own still wins)")


class Switch:
    def __get__(self, obj, objtype=None):
        return "Switch.__get__"


Plain.y = Switch()
p.y = "own y"
print(p.y)
# The descriptor's class gains __set__ later: now a data descriptor, it wins.
Switch.__set__ = lambda self, obj, value: print("  Switch.__set__", value)
print(p.y, vars(p)["y"])
p.y = "again"
print(p.y, vars(p)["y"])
del Switch.__set__
print(p.y)
