# __setattr__ / __delattr__ hooks, object.__setattr__ and super().__setattr__ as CPython runs them.
class Tracked:
    def __init__(self):
        object.__setattr__(self, "log", [])
        self.a = 1
    def __setattr__(self, k, v):
        self.log.append(k)
        super().__setattr__(k, v)
    def __delattr__(self, k):
        self.log.append("del " + k)
        object.__delattr__(self, k)
t = Tracked()
t.b = 2
del t.a
print(t.log, t.b, hasattr(t, "a"))
class P:
    @property
    def x(self):
        return self._x
    @x.setter
    def x(self, v):
        print("setter", v)
        self._x = v
    def __setattr__(self, k, v):
        print("__setattr__", k)
        object.__setattr__(self, k, v)
p = P()
p.x = 5
print(p.x)
try:
    object.__setattr__(p, 3, 4)
except TypeError as e:
    print("TypeError:", e)
