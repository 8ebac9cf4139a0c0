//! Programs for the VM's fast paths (frame pool, direct argument binding, class
//! lookup cache, `__await__` fast path). Expected outputs were produced by
//! `python3` (3.11) on the same programs.
#![cfg(not(target_arch = "wasm32"))]

use awaitscope::run::{run_virtual, RunOptions};

fn check(src: &str, expected: &str) {
    let r = run_virtual(src, &RunOptions::default());
    assert_eq!(r.stderr, "");
    assert_eq!(r.stdout, expected);
    assert_eq!(r.exit_code, 0);
}

/// Class attribute lookups are memoized per class; every assignment or deletion on any class (and a later __getattr__ or property) must be seen at once.
#[test]
fn class_lookup_cache_sees_every_change() {
    check(
        r#"class A:
    x = 1
    def f(self):
        return 'A.f'
class B(A):
    pass
a, b = A(), B()
print(a.f(), b.f(), b.x)
A.f = lambda self: 'new A.f'
print(a.f(), b.f())
B.f = lambda self: 'B.f'
print(a.f(), b.f())
del B.f
print(b.f())
A.x = 2
print(a.x, b.x)
b.x = 3
print(a.x, b.x)
del A.f
try:
    a.f()
except AttributeError as e:
    print('AttributeError', e)
def setter(self, name, value):
    object.__setattr__(self, name, value * 10) if False else self.__dict__.__setitem__(name, value)
class C:
    pass
c = C()
c.y = 1
print(c.y)
C.__getattr__ = lambda self, name: 'dyn ' + name
print(c.y, c.zz)
class P:
    def __init__(self):
        self._v = 0
    def get(self):
        return self._v * 2
    def put(self, v):
        self._v = v
p = P()
p.v = 5
print(p.v)
P.v = property(P.get, P.put)
p2 = P()
p2.v = 7
print(p2.v, p2._v)
"#,
        r#"A.f A.f 1
new A.f new A.f
new A.f B.f
new A.f
2 2
2 3
AttributeError 'A' object has no attribute 'f'
1
1 dyn zz
5
14 7
"#,
    );
}

/// Plain calls bind arguments straight from the stack into a pooled frame: defaults, keyword-only defaults, closures, bound methods, generators, deep recursion and errors behave as before.
#[test]
fn fast_calls_bind_like_the_general_path() {
    check(
        r#"def f(a, b=2, *, c=3):
    return (a, b, c)
print(f(1), f(1, 5), f(1, c=9), f(a=4))
def g(a, b=[]):
    b.append(a)
    return b
print(g(1), g(2), g(3, []))
def outer(n):
    def inner(k=1):
        return n + k
    return inner
print(outer(10)(), outer(10)(5))
class K:
    def m(self, x, y=100):
        return x + y
    def gen(self, n=3):
        for i in range(n):
            yield i
k = K()
bm = k.m
print(bm(1), bm(1, 2), K.m(k, 3), list(k.gen()), list(k.gen(2)))
def rec(n):
    return 0 if n == 0 else 1 + rec(n - 1)
print(rec(500))
try:
    rec(5000)
except RecursionError as e:
    print('RecursionError', e)
print(rec(10))
def boom(n):
    if n == 0:
        raise ValueError('deep')
    return boom(n - 1)
for _ in range(3):
    try:
        boom(20)
    except ValueError as e:
        print('caught', e)
try:
    f()
except TypeError as e:
    print(e)
try:
    f(1, 2, 3)
except TypeError as e:
    print(e)
def kwonly(*, x):
    return x
try:
    kwonly()
except TypeError as e:
    print(e)
print(kwonly(x=1))
def cellarg(a):
    def h():
        return a
    return h
print(cellarg(7)())
def varargs(a, *rest, **kw):
    return a, rest, kw
print(varargs(1, 2, 3, z=4))
"#,
        r#"(1, 2, 3) (1, 5, 3) (1, 2, 9) (4, 2, 3)
[1, 2] [1, 2] [3]
11 15
101 3 103 [0, 1, 2] [0, 1]
500
RecursionError maximum recursion depth exceeded
10
caught deep
caught deep
caught deep
f() missing 1 required positional argument: 'a'
f() takes from 1 to 2 positional arguments but 3 were given
kwonly() missing 1 required keyword-only argument: 'x'
1
7
(1, (2, 3), {'z': 4})
"#,
    );
}

/// `await obj` with a Python `__await__` generator skips the bound method; other __await__ forms still work.
#[test]
fn await_of_a_python_generator_method() {
    check(
        r#"import asyncio
class Ticket:
    def __init__(self, n):
        self.n = n
    def __await__(self):
        for _ in range(self.n):
            yield
        return self.n * 10
class Bad:
    def __await__(self):
        return 5
async def coro_await(self=None):
    return 'coro'
class AsCoro:
    __await__ = lambda self: coro_await().__await__()
async def main():
    print(await Ticket(2), await Ticket(0))
    print(await AsCoro())
    try:
        await Bad()
    except TypeError as e:
        print('TypeError', e)
    t = asyncio.create_task(asyncio.sleep(0, 'r'))
    for i in range(3):
        await asyncio.sleep(0)
        print('tick', i, t.done())
    print(await t)
asyncio.run(main())
"#,
        r#"20 0
coro
TypeError __await__() returned non-iterator of type 'int'
tick 0 False
tick 1 True
tick 2 True
r
"#,
    );
}

/// Attribute and global accesses try the position where the name was last found:
/// objects whose attributes were added in other orders, deleted and re-added
/// attributes, globals and a builtin shadowed then unshadowed all stay right.
#[test]
fn position_hints_never_return_another_name() {
    check(
        r#"class A:
    def __init__(self):
        self.x = 1
        self.y = 2
class B:
    def __init__(self):
        self.y = 20
        self.x = 10
def get(o):
    return o.x, o.y
def put(o, v):
    o.x = v
objs = [A(), B(), A(), B()]
for o in objs:
    put(o, o.x + 100)
print([get(o) for o in objs])
a = A()
del a.x
a.z = 3
a.x = 4
print(get(a), a.z)
counter = 0
def bump():
    global counter
    counter += 1
    return counter
print(bump(), bump(), len([1]))
len = lambda s: 'shadowed'
print(len([1]))
del len
print(len([1, 2]))
import asyncio
print(asyncio.sleep.__name__)
"#,
        r#"[(101, 2), (110, 20), (101, 2), (110, 20)]
(4, 2) 3
1 2 1
shadowed
2
sleep
"#,
    );
}

/// `await asyncio.sleep(0)` runs inline (`Vm::try_sleep0`): cancellation at it,
/// `sleep(0, result)`, negative and float delays, a stored `sleep(0)` coroutine,
/// coroutines driven by hand, exceptions after it, `gather` of `sleep(0)`s.
#[test]
fn inline_sleep0_behaves_like_the_prelude_sleep() {
    check(
        r#"import asyncio


async def sleeper(name, n):
    try:
        for i in range(n):
            await asyncio.sleep(0)
            print(name, i)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise
    finally:
        print(name, "finally")
    return name


async def thrower():
    await asyncio.sleep(0)
    raise ValueError("boom")


async def main():
    t = asyncio.create_task(sleeper("a", 5))
    u = asyncio.create_task(sleeper("b", 2))
    await asyncio.sleep(0)
    await asyncio.sleep(0.0)
    await asyncio.sleep(-1)
    x = await asyncio.sleep(0, "res")
    print("x", x)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("t cancelled", t.cancelled())
    print(await u)
    c = sleeper("c", 2)
    print(c.send(None))
    try:
        c.send(None)
        c.send(None)
    except StopIteration as e:
        print("stop", e.value)
    s = asyncio.sleep(0)
    await s
    try:
        await thrower()
    except ValueError as e:
        print("caught", e)
    c2 = sleeper("d", 3)
    c2.send(None)
    c2.close()
    await asyncio.gather(sleeper("e", 1), asyncio.sleep(0), asyncio.sleep(False))
    print(await asyncio.wait_for(sleeper("f", 2), 1))
    print(asyncio.current_task().get_name())


asyncio.run(main())
"#,
        r#"a 0
b 0
a 1
b 1
b finally
a 2
x res
a cancelled
a finally
t cancelled True
b
None
c 0
c 1
c finally
stop c
caught boom
d finally
e 0
e finally
f 0
f 1
f finally
f
Task-1
"#,
    );
}

/// Instance stores skip the MRO lookups while a class has no property and no
/// `__setattr__`; adding one later (to the class or a base) must be seen at once.
#[test]
fn plain_instance_stores_see_new_properties_and_setattr() {
    check(
        r#"class A:
    pass
a = A()
a.x = 1
a.x = 2
print(a.x)
def setz(self, v):
    self._z = v * 10
A.z = property(lambda self: self._z, setz)
a.z = 3
print(a.z, a._z)
class B(A):
    pass
b = B()
b.z = 4
print(b.z)
log = []
A.__setattr__ = lambda self, k, v: log.append((k, v))
b.y = 5
a.x = 7
print(log, a.x)
del A.__setattr__
b.y = 6
print(b.y)
"#,
        r#"2
30 30
40
[('y', 5), ('x', 7)] 2
6
"#,
    );
}

/// Instance loads read the namespace first until a property could hide in it
/// (`Vm::shadowed_descriptors`): then a warmed-up load site, a base's property
/// uncovered by `del`, and natively stored exception attributes meet the property.
#[test]
fn properties_win_over_instance_attributes_once_they_can_collide() {
    check(
        r#"class P:
    def __init__(self):
        self.x = 1
def load(o):
    return o.x
p = P()
print([load(p) for _ in range(3)])
P.x = property(lambda self: 'prop')
print([load(p) for _ in range(2)], p.__dict__)
class B:
    @property
    def y(self):
        return 'B.y'
class A:
    y = 'A.y'
class S(A, B):
    pass
s = S()
s.y = 'own'
print(s.y, load(p))
del A.y
print(s.y)
class G(ExceptionGroup):
    @property
    def message(self):
        return 'prop message'
g = G('msg', [ValueError(1)])
print(g.message)
class N(Exception):
    @property
    def __notes__(self):
        return ['prop note']
n = N()
try:
    n.add_note('x')
except AttributeError as e:
    print('AttributeError', e)
print(n.__notes__)
"#,
        r#"[1, 1, 1]
['prop', 'prop'] {'x': 1}
own prop
B.y
prop message
['prop note']
"#,
    );
}

/// User descriptors: a descriptor's class gaining `__set__` (or a base gaining
/// `__get__`/`__delete__`, or the descriptor object changing `__class__`) after
/// load and store sites were warmed up on the instance's own attribute turns it
/// into a data descriptor that wins at once; `del` of `__set__` turns it back.
#[test]
fn descriptor_classes_changing_kind_invalidate_memos() {
    check(
        r#"class D:
    def __get__(self, obj, objtype=None):
        return 'D.__get__'
class C:
    x = D()
def load(o):
    return o.x
def store(o, v):
    o.x = v
c = C()
print(load(c), C.x)
for i in range(3):
    store(c, i)
print([load(c) for _ in range(3)], c.__dict__)
D.__set__ = lambda self, obj, v: print('D.__set__', v)
print([load(c) for _ in range(2)], c.__dict__)
store(c, 'via set')
print(c.__dict__)
del D.__set__
print(load(c))
class Base:
    pass
class E(Base):
    pass
class K:
    y = E()
k = K()
k.y = 'own y'
print(k.y)
Base.__get__ = lambda self, obj, t: 'Base.__get__'
print(k.y, K.y)
Base.__delete__ = lambda self, obj: print('Base.__delete__')
print(k.y)
del k.y
print(k.y, k.__dict__)
class DD:
    def __get__(self, obj, t):
        return 'DD.__get__'
    def __set__(self, obj, v):
        print('DD.__set__', v)
class Q:
    z = D()
q = Q()
q.z = 'own z'
print(load(q) if False else q.z)
Q.__dict__['z'].__class__ = DD
print(q.z)
q.z = 5
print(q.z, q.__dict__)
"#,
        r#"D.__get__ D.__get__
[2, 2, 2] {'x': 2}
['D.__get__', 'D.__get__'] {'x': 2}
D.__set__ via set
{'x': 2}
2
own y
own y Base.__get__
Base.__get__
Base.__delete__
Base.__get__ {'y': 'own y'}
own z
DD.__get__
DD.__set__ 5
DD.__get__ {'z': 'own z'}
"#,
    );
}

/// Load sites warmed up on instance attributes meet descriptors added to the
/// class later: a non-data one loses to the namespace, a data one wins (also for
/// instances made afterwards, subclasses and stores), and `del` uncovers the
/// namespace again.
#[test]
fn descriptors_added_after_loads_are_seen() {
    check(
        r#"class P:
    def __init__(self):
        self.x = 1
        self.y = 2
def load(o):
    return o.x
def load_y(o):
    return o.y
ps = [P() for _ in range(3)]
print([load(p) for p in ps], [load_y(p) for p in ps])
class NonData:
    def __get__(self, obj, t):
        return 'NonData'
P.x = NonData()
print([load(p) for p in ps], P.x)
class Data:
    def __get__(self, obj, t):
        return 'Data'
    def __set__(self, obj, v):
        print('Data.__set__', v)
P.y = Data()
print([load_y(p) for p in ps], P.y)
ps[0].y = 9
q = P()
print(load_y(q), vars(q))
class Sub(P):
    pass
s = Sub()
print(load(s), load_y(s), vars(s))
del P.y
print(load_y(ps[0]), vars(ps[0]))
"#,
        r#"[1, 1, 1] [2, 2, 2]
[1, 1, 1] NonData
['Data', 'Data', 'Data'] Data
Data.__set__ 9
Data.__set__ 2
Data {'x': 1}
Data.__set__ 2
1 Data {'x': 1}
2 {'x': 1, 'y': 2}
"#,
    );
}
