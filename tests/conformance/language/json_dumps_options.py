"""json.dumps options report code uses: default=, separators=, skipkeys=,
allow_nan=; dict subclasses and namedtuples; unknown keywords."""
import json
from collections import Counter, defaultdict, namedtuple
from typing import NamedTuple


class Status:
    def __init__(self, code):
        self.code = code

    def __str__(self):
        return f"HTTP {self.code}"


def encode(obj):
    if isinstance(obj, Status):
        return {"code": obj.code}
    if isinstance(obj, set):
        return sorted(obj)
    raise TypeError(f"cannot encode {type(obj).__name__}")


row = {"name": "api", "status": Status(200), "tags": {3, 1, 2}, "ms": 12.5}
print(json.dumps(row, default=encode))
print(json.dumps(row, default=str, indent=2, sort_keys=True))
print(json.dumps([1, {"a": [2, 3]}], separators=(",", ":")), json.dumps({"a": 1, "b": 2}, separators=(";", "=")))
print(json.dumps({"a": [1, 2]}, indent=2, separators=(", ", " = ")))
print(json.dumps({1: "int", (1, 2): "tuple", "s": "str"}, skipkeys=True))
counts = Counter("abracadabra")
groups = defaultdict(list, {"x": [1], "y": [2, 3]})
Point = namedtuple("Point", "x y")


class Pair(NamedTuple):
    left: int
    right: int


print(json.dumps(counts, sort_keys=True), json.dumps(groups), json.dumps([Point(1, 2), Pair(3, 4)]))
for bad in (lambda: json.dumps(row), lambda: json.dumps(float("nan"), allow_nan=False),
            lambda: json.dumps({(1, 2): 3}), lambda: json.dumps(row, default=encode, colour=True),
            lambda: json.dumps({"x": object()}, default=encode)):
    try:
        print(bad())
    except (TypeError, ValueError) as e:
        print(f"{type(e).__name__}: {e}")
print(json.dumps(float("inf")), json.dumps([float("nan")]))
