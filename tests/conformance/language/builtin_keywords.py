"""Keyword arguments the builtins take (pow, enumerate, sum, round, split ...) and
the ones CPython refuses, which must not be silently ignored."""
tests = [
    lambda: "a b c".split(maxsplit=1),
    lambda: "a,b,c".rsplit(",", maxsplit=1),
    lambda: "a b c".split(sep=" ", maxsplit=1),
    lambda: round(3.14159, ndigits=2),
    lambda: int("ff", base=16),
    lambda: list(enumerate("ab", start=1)),
    lambda: max([], default=0),
    lambda: min([3, 1], key=lambda x: -x),
    lambda: sum([1, 2], start=10),
    lambda: "x".encode(encoding="utf-8"),
    lambda: b"x".decode(encoding="utf-8", errors="strict"),
    lambda: sorted([3, 1, 2], reverse=True),
    lambda: "abc".startswith(prefix="a"),
    lambda: "%s" % "x",
    lambda: list(zip([1], [2], strict=True)),
    lambda: {}.get("k", default=1),
    lambda: [3, 1].sort(key=None, reverse=True),
    lambda: "a".ljust(width=3),
    lambda: dict.fromkeys(["a"], value=0),
    lambda: "abc".count("a", start=0),
    lambda: [1, 2].index(2, start=0),
    lambda: "a-b".replace("-", "+", count=1),
    lambda: "  x ".strip(chars=" "),
    lambda: print("x", end="", sep="", flush=True, file=None),
    lambda: divmod(x=1, y=2),
    lambda: pow(base=2, exp=3),
    lambda: str(object="x"),
    lambda: int(x="5"),
    lambda: float(x="1.5"),
    lambda: bool(x=1),
    lambda: list(iterable=[1]),
    lambda: isinstance(obj=1, class_or_tuple=int),
    lambda: "{a}".format_map({"a": 1}),
    lambda: hash(obj=1),
    lambda: abs(x=-1),
    lambda: len(obj=[1]),
    lambda: repr(obj=1),
    lambda: iter([1], foo=1),
    lambda: "abc".find("b", 0, end=2),
    lambda: "a".zfill(width=3),
]
for t in tests:
    try:
        print(repr(t()))
    except Exception as e:
        print(type(e).__name__, e)
