"""typing as CPython 3.11 has it: the reprs of type hints, subscripts and their
errors, TypeVar/Generic/Protocol classes, NamedTuple, TypedDict, NewType, cast."""
import asyncio
import typing as t
from typing import (Any, Awaitable, Callable, Dict, Generic, List, NamedTuple, NewType,
                    Optional, Protocol, TypedDict, TypeVar, Union, cast, overload)

T = TypeVar("T")
K = TypeVar("K", bound=int)
Co = TypeVar("Co", covariant=True)
print(T, K, Co, t.List, List[int], Dict[str, Any], Optional[int], Union[int, str])
print(Union[int, str, None], Union[int], Optional[Union[int, str]], Union[int, None])
print(Callable[[int], str], Callable[..., int], Callable[[], None], t.Tuple[int, ...], t.Tuple[()])
print(List["Node"], t.Type[int], t.Literal["a", 1], t.ClassVar[int], t.Final[int])
print(t.Annotated[int, "meta", 3], t.Any, t.NoReturn, List[T], Dict[str, T][int], Generic[T])
print(t.AsyncIterator[int], Awaitable[str], t.Coroutine[Any, Any, int], t.AsyncGenerator[int, None])
print(t.Iterable[str], t.Deque[int], t.DefaultDict[str, int], t.Sequence, t.Mapping[str, int])
print(List[int] | None, int | List[int], Optional[int] == Union[None, int], t.Text, t.AnyStr)


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []

    def push(self, item: T) -> None:
        self.items.append(item)

    def pop(self) -> T:
        return self.items.pop()


s = Stack[int]()
s.push(1)
s.push(2)
print(Stack[int], Stack.__parameters__, Stack.__orig_bases__, s.pop(), s.__orig_class__)
print(Stack.__mro__)
for bad in (lambda: List(), lambda: Dict[int], lambda: Stack[int, str], lambda: Union[()],
            lambda: isinstance([], List[int]), lambda: isinstance(3, Any), lambda: Generic[int]):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
print(isinstance([], List), isinstance({}, t.Dict), isinstance([], t.Iterable), isinstance(3, t.Hashable))
print(isinstance(3, Optional[int]), isinstance(3.0, Union[int, str]))


class Closeable(Protocol):
    def close(self) -> None: ...


class Resource(Closeable):
    def close(self) -> None:
        print("closed")


for make in (Closeable, Resource):
    try:
        make().close()
    except TypeError as e:
        print("TypeError:", e)
try:
    isinstance(Resource(), Closeable)
except TypeError as e:
    print("TypeError:", e)
print(Resource.__mro__)


class Result(NamedTuple):
    url: str
    status: int = 200
    elapsed: float = 0.0

    def ok(self) -> bool:
        return self.status < 400


r = Result("https://example.com", elapsed=0.25)
print(r, r.ok(), r._fields, Result._field_defaults, r._asdict(), r._replace(status=404))
url, status, elapsed = r
print(url, status, elapsed, r[1], len(r), r == ("https://example.com", 200, 0.25))
print(sorted([Result("b", 2), Result("a", 3), Result("a", 1)]))
for bad in (lambda: Result(), lambda: Result("u", 1, 2.0, 3), lambda: Result("u", code=3)):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
Point = NamedTuple("Point", [("x", int), ("y", int)])
print(Point(1, 2), Point._fields)


class Movie(TypedDict):
    title: str
    year: int


m = Movie(title="Blade Runner", year=1982)
print(m, type(m).__name__)
UserId = NewType("UserId", int)
print(UserId, UserId(5), cast(int, "not checked"), t.TYPE_CHECKING)


@overload
def double(x: int) -> int: ...
@overload
def double(x: str) -> str: ...
def double(x):
    return x * 2


print(double(2), double("ab"))


async def fetch_all(fetch: Callable[[int], Awaitable[T]], ids: List[int]) -> List[T]:
    return list(await asyncio.gather(*(fetch(i) for i in ids)))


async def square(n: int) -> int:
    await asyncio.sleep(n / 10)
    return n * n


print(asyncio.run(fetch_all(square, [3, 1, 2])))
print(fetch_all.__annotations__)
print(asyncio.Queue[int], asyncio.Future[str], asyncio.Task[None])
