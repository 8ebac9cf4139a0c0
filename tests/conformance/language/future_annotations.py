"""`from __future__ import annotations`: annotations stay strings, never evaluated."""
from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

print(annotations)


class Node:
    parent: Optional[Node] = None
    children: list[Node]
    weight: float = 1.0

    def add(self, child: Node, *, at: int | None = None) -> Node:
        return self

    async def walk(self) -> AsyncIterator[Node]:
        yield self


def shapes(
    a: dict[str, 'Node'],
    b: tuple[int, ...],
    c: tuple[()],
    d: Callable[[int, str], Awaitable[None]],
    e: Literal["x", 'y', -1, 2.5, None, True],
    f: Annotated[int, Field(gt=0, *extra, **more)],
    g: "quoted | forward",
    h: x.y.z[0:2, ::3],
    i: (a or b) and not c,
    j: a if b else c,
    k: 1 + 2 * 3 ** -4 // (5 - 6) | 7 & 8 ^ 9 << 10,
    l: [int, str],
    m: {"k": v, **rest},
    n: {1, 2},
    o: a < b <= c is not d not in e,
    *args: Unpack[Ts],
    **kwargs: Any,
) -> None:
    pass


print(Node.__annotations__)
print(Node.add.__annotations__)
print(Node.walk.__annotations__)
for k, v in shapes.__annotations__.items():
    print(f"{k}: {v}")
print(__annotations__ if "__annotations__" in globals() else "no module annotations")
total: Counter[str] = 0
print(__annotations__)


async def main() -> None:
    local: ThisNameIsNotDefined = 1  # annotations of locals are never evaluated
    root = Node()
    async for n in root.walk():
        print(type(n).__name__, n.weight, local)


asyncio.run(main())
