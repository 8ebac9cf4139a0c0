"""A typed async retry decorator (ParamSpec, Callable[P, Awaitable[R]]), and
typing.get_origin / get_args."""
import asyncio
import functools
from typing import (Annotated, Awaitable, Callable, Dict, Generic, List, Optional, ParamSpec,
                    TypeVar, Union, get_args, get_origin)

P = ParamSpec("P")
R = TypeVar("R")


def retry(times: int) -> Callable[[Callable[P, Awaitable[R]]], Callable[P, Awaitable[R]]]:
    def decorate(func: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
        @functools.wraps(func)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            for attempt in range(1, times + 1):
                try:
                    return await func(*args, **kwargs)
                except ConnectionError as e:
                    print(f"{func.__name__}: attempt {attempt} failed: {e}")
                    await asyncio.sleep(0.1 * attempt)
            raise RuntimeError(f"{func.__name__} failed {times} times")
        return wrapper
    return decorate


calls = 0


@retry(times=3)
async def fetch(url: str, *, timeout: float = 1.0) -> Dict[str, int]:
    global calls
    calls += 1
    await asyncio.sleep(0.05)
    if calls < 3:
        raise ConnectionError(f"{url} unreachable")
    return {"status": 200}


print(asyncio.run(fetch("https://example.com", timeout=2.0)))
print(retry.__annotations__)
print(fetch.__annotations__, fetch.__wrapped__.__name__)
print(P, P.args, P.kwargs, Callable[P, R], Callable[P, Awaitable[R]], Callable[int, str])
print(get_origin(List[int]), get_origin(Union[int, str]), get_origin(int | str), get_origin(int),
      get_origin(Generic), get_origin(Callable[[int], str]), get_origin(list[int]), get_origin(List))
print(get_args(List[int]), get_args(Callable[[int], str]), get_args(Callable[..., str]), get_args(int | None),
      get_args(Annotated[int, "x"]), get_args(int), get_args(Dict[str, int]), get_args(Callable[P, R]),
      get_args(Optional[int]))
