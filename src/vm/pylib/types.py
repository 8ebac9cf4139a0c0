# types for Awaitscope: what builtin type hints evaluate to, after CPython 3.11's
# genericaliasobject.c and unionobject.c: `list[int]` is a GenericAlias, `int | None`
# a UnionType (the VM builds both through this module).

NoneType = type(None)
FunctionType = type(lambda: None)


class _Named:
    """Objects that stand for a class in reprs (collections.abc's ABCs here)."""


def _repr_item(p):
    if p is ...:
        return "..."
    if isinstance(p, list):
        return "[" + ", ".join(_repr_item(x) for x in p) + "]"
    if isinstance(p, (type, FunctionType, _Named)):
        if p.__module__ == "builtins":
            return p.__qualname__
        return p.__module__ + "." + p.__qualname__
    return repr(p)


def _params(args):
    out = []
    for a in args:
        if isinstance(a, type):
            continue
        for p in (a,) if type(a).__name__ == "TypeVar" else getattr(a, "__parameters__", ()):
            if p not in out:
                out.append(p)
    return tuple(out)


class GenericAlias:
    def __init__(self, origin, args):
        if not isinstance(args, tuple):
            args = (args,)
        self.__origin__ = origin
        self.__args__ = args
        self.__parameters__ = _params(args)

    def __repr__(self):
        args = ", ".join(_repr_item(a) for a in self.__args__) if self.__args__ else "()"
        return _repr_item(self.__origin__) + "[" + args + "]"

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(f"'types.GenericAlias' object has no attribute '{name}'")
        return getattr(self.__origin__, name)

    def __getitem__(self, items):
        if not self.__parameters__:
            raise TypeError(f"{self!r} is not a generic class")
        if not isinstance(items, tuple):
            items = (items,)
        if len(items) != len(self.__parameters__):
            many = "many" if len(items) > len(self.__parameters__) else "few"
            raise TypeError(f"Too {many} arguments for {self!r}")
        sub = dict(zip(self.__parameters__, items))
        args = []
        for a in self.__args__:
            if a in sub:
                a = sub[a]
            elif getattr(a, "__parameters__", None) and not isinstance(a, type):
                a = a[tuple(sub[p] for p in a.__parameters__)]
            args.append(a)
        return GenericAlias(self.__origin__, tuple(args))

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash(self.__origin__) ^ hash(self.__args__)

    def __or__(self, other):
        return _union(self, other)

    def __ror__(self, other):
        return _union(other, self)

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __instancecheck__(self, obj):
        raise TypeError("isinstance() argument 2 cannot be a parameterized generic")

    def __subclasscheck__(self, cls):
        raise TypeError("issubclass() argument 2 cannot be a parameterized generic")


class UnionType:
    def __init__(self, args):
        self.__args__ = args
        self.__parameters__ = _params(args)

    def __repr__(self):
        return " | ".join("None" if a is NoneType else _repr_item(a) for a in self.__args__)

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __or__(self, other):
        return _union(self, other)

    def __ror__(self, other):
        return _union(other, self)

    def __instancecheck__(self, obj):
        return self.__subclasscheck__(type(obj))

    def __subclasscheck__(self, cls):
        for a in self.__args__:
            if isinstance(a, GenericAlias):
                raise TypeError("isinstance() argument 2 cannot be a parameterized generic")
        return issubclass(cls, self.__args__)


def _union(a, b):
    """`a | b` for types, None, GenericAlias and UnionType (else NotImplemented)."""
    args = []
    for x in (a, b):
        if not (x is None or isinstance(x, (type, GenericAlias, UnionType))):
            return NotImplemented
        for y in x.__args__ if isinstance(x, UnionType) else (x,):
            y = NoneType if y is None else y
            if y not in args:
                args.append(y)
    return args[0] if len(args) == 1 else UnionType(tuple(args))
