"""What `class` statements call: __mro_entries__ on non-class bases, the nearest
base's __init_subclass__ with the class keywords, and object.__new__ for a
__new__ of your own (singletons)."""
import asyncio


class Plugin:
    registry = {}

    def __init_subclass__(cls, /, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.registry[cls.plugin_name] = cls


class Csv(Plugin, name="csv"):
    pass


class Json(Plugin):
    pass


class Strict(Json, name="strict-json"):
    pass


print(sorted(Plugin.registry), Strict.plugin_name, Json.plugin_name)
try:
    class Bad(Plugin, colour="red"):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Plain(flag=True):
        pass
except TypeError as e:
    print("TypeError:", e)


class Mixin:
    def hello(self):
        return f"hello from {type(self).__name__}"


class Spec:
    """Not a class, but can stand in for one in a bases list (PEP 560)."""

    def __init__(self, *classes):
        self.classes = classes

    def __mro_entries__(self, bases):
        print("mro_entries got", len(bases), "bases")
        return self.classes


class Service(Spec(Mixin), Plugin, name="svc"):
    pass


print(Service().hello(), [c.__name__ for c in Service.__mro__], len(Service.__orig_bases__))
print("__qualname__" in Service.__dict__, Service.__qualname__)


class Connection:
    _instance = None

    def __new__(cls, *args, **kwargs):
        if cls._instance is None:
            print("creating the one connection")
            cls._instance = super().__new__(cls)
        return cls._instance

    def __init__(self, dsn):
        self.dsn = dsn


a, b = Connection("db://a"), Connection("db://b")
print(a is b, a.dsn, type(object.__new__(Connection)).__name__)


class Strictly:
    def __new__(cls, *args):
        return super().__new__(cls, *args)


try:
    Strictly(1)
except TypeError as e:
    print("TypeError:", e)
try:
    object.__new__(3)
except TypeError as e:
    print("TypeError:", e)


async def main():
    conns = await asyncio.gather(*(asyncio.to_thread(Connection, "x") for _ in range(0)))
    print(len(conns), Connection("db://c").dsn)


asyncio.run(main())
