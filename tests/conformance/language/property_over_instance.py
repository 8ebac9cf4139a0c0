# A property (a data descriptor) of the type wins over the instance's own
# attribute of the same name — for get, set and del — even when the property
# comes after the attribute, and in subclasses; plain class attributes and
# methods (non-data) do not.


def attempt(what, fn):
    try:
        print(what, '->', fn())
    except AttributeError as e:
        print(what, '-> AttributeError:', e)


class C:
    def describe(self):
        return 'method'


c = C()
c.x = 1
c.y = 2
c.describe = 'own attribute'


def read_x(o):
    return o.x


print(read_x(c), c.y, c.describe)

# A property without setter, added later: it wins; set and del are refused.
C.x = property(lambda self: 'prop-x')
print(read_x(c), c.x, getattr(c, 'x'), hasattr(c, 'x'), c.__dict__)
attempt('set x', lambda: setattr(c, 'x', 5))
attempt('del x', lambda: delattr(c, 'x'))
print(c.__dict__)


def get_y(self):
    return 'prop-y ' + str(self.__dict__['y'])


def set_y(self, v):
    print('set_y', v)
    self._y = v


def del_y(self):
    print('del_y')


# With setter and deleter: both are called, the namespace keeps its value.
C.y = property(get_y, set_y, del_y)
print(c.y)
c.y = 7
del c.y
print(c.y, c._y, sorted(c.__dict__))

# A method stays non-data: the instance's attribute still wins.
print(c.describe, C().describe())


# Subclasses inherit a property added to the base afterwards.
class D(C):
    pass


class E(C):
    z = 'class z'  # a plain attribute of the subclass hides the base's property


d, e = D(), E()
d.z = 'own z'
e.z = 'own z'
C.z = property(lambda self: 'prop-z')
print(d.z, e.z, E.z)
attempt('set d.z', lambda: setattr(d, 'z', 0))
e.z = 'set z'
print(e.z)

# Without the property the instance's value shows again.
del C.z
print(d.z, D().__dict__)
attempt('D().z', lambda: D().z)


# Properties made in a class body know their name (and their class's qualname).
class Outer:
    class Inner:
        @property
        def p(self):
            return 'p'

        q = property(None)


i = Outer.Inner()
attempt('set p', lambda: setattr(i, 'p', 1))
attempt('del p', lambda: delattr(i, 'p'))
attempt('get q', lambda: i.q)
Outer.Inner.r = Outer.Inner.p  # the same property, named 'p'
attempt('set r', lambda: setattr(i, 'r', 1))
Outer.Inner.s = Outer.Inner.p.setter(None)  # a copy keeps the name
attempt('set s', lambda: setattr(i, 's', 1))
Outer.Inner.t = property()
attempt('get t', lambda: i.t)
T = type('T', (), {'u': property(lambda self: 'u')})
attempt('set u', lambda: setattr(T(), 'u', 1))


# __class__ assignment onto a class whose property has the name.
class Plain:
    pass


class WithProp:
    @property
    def v(self):
        return 'prop-v'


o = Plain()
o.v = 'own v'
print(o.v)
o.__class__ = WithProp
print(o.v, o.__dict__)
o.__class__ = Plain
print(o.v)


# __setattr__ falling back on object.__setattr__ meets the property too.
class Logged:
    def __setattr__(self, k, v):
        print('__setattr__', k, v)
        object.__setattr__(self, k, v)


g = Logged()
g.w = 1
Logged.w = property(lambda self: 'prop-w', lambda self, v: print('set_w', v))
g.w = 2
print(g.w, g.__dict__)
