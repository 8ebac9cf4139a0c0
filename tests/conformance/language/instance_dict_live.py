# An instance's __dict__ (and vars(obj)) is the instance's namespace itself:
# writes through it are attributes, attribute stores show in it, one object.


class Config:
    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)


c = Config(host="localhost", port=8080)
print("update in __init__:", c.host, c.port)
d = c.__dict__
print("identity:", c.__dict__ is d, vars(c) is d, type(d).__name__)

d["debug"] = True
print("setitem -> attribute:", c.debug)
c.retries = 3
print("attribute -> dict:", d["retries"], "retries" in d, len(d))
print("insertion order:", list(d), list(vars(c).keys()))
del d["host"]
print("delitem -> hasattr:", hasattr(c, "host"))
del c.port
print("delattr -> dict:", d)
c.debug = False
print("rebinding keeps the position:", d, list(d.items()))
print("get/setdefault/pop:", d.get("debug"), d.get("missing", "-"),
      d.setdefault("timeout", 30), c.timeout, d.pop("retries"),
      getattr(c, "retries", "gone"))
print("values, ==, copy:", list(d.values()), d == {"debug": False, "timeout": 30},
      d.copy() is d, d.copy() == d)
snapshot = dict(vars(c))
c.extra = 1
print("a copy is a snapshot:", snapshot, "extra" in snapshot, repr(d))
vars(c).update(mode="fast", level=2)
print("vars(obj).update:", c.mode, c.level)
d.clear()
print("clear:", vars(c), hasattr(c, "mode"), len(d))
c.again = "yes"
print("after clear:", d)

# Iterating while rebinding existing names is fine; adding one is not.
for k in d:
    setattr(c, k, k.upper())
print("rebinding while iterating:", d)
try:
    for k in d:
        c.new_name = 1
except RuntimeError as e:
    print("RuntimeError:", e)

# A method can be shadowed through the dict, as by an attribute.


class Greeter:
    def hello(self):
        return "method"


g = Greeter()
g.__dict__["hello"] = lambda: "instance attribute"
print("shadowed method:", g.hello())
del vars(g)["hello"]
print("method again:", g.hello())

# Assigning __dict__ replaces the namespace.
fresh = {"a": 1}
c.__dict__ = fresh
print("assigned:", c.a, c.__dict__ is fresh, hasattr(c, "again"))
c.b = 2
print("stores go to the new dict:", fresh)
try:
    c.__dict__ = [("a", 1)]
except TypeError as e:
    print("TypeError:", e)
del c.__dict__
print("deleted __dict__:", c.__dict__, hasattr(c, "a"))
c.z = 26
print("then:", vars(c))

# __setattr__ / __getattr__ written with __dict__.


class Recorder:
    def __init__(self):
        self.__dict__["log"] = []

    def __setattr__(self, name, value):
        self.log.append(name)
        self.__dict__[name] = value

    def __getattr__(self, name):
        return "default-" + name


r = Recorder()
r.x = 1
r.y = 2
print("__setattr__ via __dict__:", r.x, r.y, r.log, r.missing)
print("vars:", vars(r))

# Subclasses and exceptions have one too.


class Base:
    def __init__(self):
        self.base = 1


class Child(Base):
    def __init__(self):
        super().__init__()
        self.__dict__["child"] = 2


ch = Child()
print("subclass:", vars(ch), ch.child)
e = ValueError("bad")
e.__dict__["code"] = 7
e.hint = "h"
print("exception:", e.code, vars(e), e.args)

# Many attributes, then the dict, then more of both.


class Many:
    def __init__(self):
        for i in range(20):
            setattr(self, f"a{i}", i)


m = Many()
md = m.__dict__
m.a5 = "five"
md["b"] = 1
print("many:", len(md), m.a19, m.a5, m.b, list(md)[-3:],
      [n for n in dir(m) if not n.startswith("__")][:4])


class Other:
    def hi(self):
        return "other"


m.__class__ = Other
print("__class__ assigned:", m.hi(), m.b, vars(m) is md)

# Instances with and without a live __dict__ through the same lines.


class Pt:
    def __init__(self, x):
        self.x = x


pts = [Pt(i) for i in range(4)]
vars(pts[1])
pd = pts[3].__dict__
pd.clear()
pd["y"] = 0
pts[3].x = 30
total = 0
for _ in range(3):
    for p in pts:
        total += p.x
        p.x = p.x + 1
print("mixed:", total, [vars(p) for p in pts])

# vars() inside a function is a snapshot of the locals.


def f():
    a = 1
    v = vars()
    v["a"] = 99
    return a, sorted(v)


print("vars() in a function:", f())
try:
    vars(5)
except TypeError as e:
    print("TypeError:", e)
