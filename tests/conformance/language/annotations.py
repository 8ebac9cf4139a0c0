"""Annotations as CPython 3.11 evaluates them: at `def` time (after the defaults),
at module and class level into `__annotations__`, never for locals."""
import asyncio


def note(label, value=None):
    print("evaluating", label)
    return value if value is not None else label


def deco(f):
    print("decorating", f.__name__)
    return f


@deco
def fetch(url: note("url", str), /, retries: note("retries", int) = note("default", 3),
          *urls: str, timeout: float = 1.0, **headers: dict) -> note("return", dict):
    return {}


print(fetch.__annotations__)
print((lambda x: x).__annotations__, deco.__annotations__)
deco.__annotations__["extra"] = int
print(deco.__annotations__)


async def get(session: "ClientSession", url: str) -> bytes | None:
    local: UndefinedLocalName = 5  # a local's annotation is not evaluated
    return None


print(get.__annotations__)
print(asyncio.run(get(None, "u")))

print(__annotations__)
count: int = 5
name: str
print(__annotations__, count)
try:
    print(name)
except NameError as e:
    print("NameError:", e)


class Config:
    host: str = "localhost"
    port: int = note("port annotation", int)
    tags: list[str]
    retries = 3

    def __init__(self) -> None:
        self.debug: bool = False


class Child(Config):
    pass


print(Config.__annotations__)
print(Child.__annotations__, Config().__annotations__ is Config.__annotations__)
c = Config()
print(c.host, c.debug, hasattr(Config, "tags"))


class Box:
    pass


box, table = Box(), {}
box.size: note("size annotation") = 10
table["k"]: note("key annotation")
print(box.size, table, __annotations__)

try:
    def broken(x: NotDefinedAnywhere):
        pass
except NameError as e:
    print("NameError:", e)

print(list[int], dict[str, int | None], tuple[int, ...], type[Config], list["Config"])
print(int | None, None | str, int | str | int, type(list[int]).__name__, type(int | None).__name__)
print(isinstance(3, int | str), isinstance(None, int | None), issubclass(bool, str | int))
print(list[int](range(3)), list[int] == list[int], (int | str) == (str | int))
for bad in (lambda: int[3], lambda: Config[int], lambda: int | "str"):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
try:
    isinstance([], list[int])
except TypeError as e:
    print("TypeError:", e)


class Registry:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item!r}]"


print(Registry[int], Registry["x", 2])
