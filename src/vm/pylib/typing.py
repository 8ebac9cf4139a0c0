# typing for Awaitscope, after CPython 3.11's typing.py: what type hints evaluate to
# (reprs, subscripts, `X | Y`), TypeVar, Generic and Protocol bases, NamedTuple and
# TypedDict classes, cast, NewType, overload. No metaclasses here: a NamedTuple
# class derives from `_NamedTupleBase`, not `tuple`; isinstance() against a Protocol
# raises TypeError, as CPython does for protocols without @runtime_checkable, which
# is not supported.
from types import GenericAlias as _GA, UnionType as _UT, NoneType as _NoneType
from types import FunctionType as _FT
import collections as _coll
import collections.abc as _abc

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, _GA):
        return repr(obj)
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return obj.__module__ + "." + obj.__qualname__
    if obj is ...:
        return "..."
    if isinstance(obj, _FT):
        return obj.__name__
    return repr(obj)


def _convert(arg):
    if arg is None:
        return _NoneType
    if isinstance(arg, str):
        return ForwardRef(arg)
    return arg


def _tuple(params):
    return params if isinstance(params, tuple) else (params,)


def _collect(args):
    out = []
    for a in args:
        if isinstance(a, type):
            continue
        for p in (a,) if isinstance(a, (TypeVar, ParamSpec)) else getattr(a, "__parameters__", ()):
            if isinstance(p, (TypeVar, ParamSpec)) and p not in out:
                out.append(p)
    return tuple(out)


def _check_count(alias, n, expected):
    if n != expected:
        many = "many" if n > expected else "few"
        raise TypeError(f"Too {many} arguments for {alias}; actual {n}, expected {expected}")


class _Final:
    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class ForwardRef(_Final):
    def __init__(self, arg):
        self.__forward_arg__ = arg

    def __repr__(self):
        return f"ForwardRef({self.__forward_arg__!r})"

    def __eq__(self, other):
        if not isinstance(other, ForwardRef):
            return NotImplemented
        return self.__forward_arg__ == other.__forward_arg__

    def __hash__(self):
        return hash(self.__forward_arg__)


class TypeVar(_Final):
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        if covariant and contravariant:
            raise ValueError("Bivariant types are not supported.")
        if len(constraints) == 1:
            raise TypeError("A single constraint is not allowed")
        self.__name__ = name
        self.__constraints__ = tuple(_convert(c) for c in constraints)
        self.__bound__ = _convert(bound)
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)

    def __repr__(self):
        return ("+" if self.__covariant__ else "-" if self.__contravariant__ else "~") + self.__name__


class ParamSpec(_Final):
    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__bound__ = _convert(bound)
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        self.args = _ParamSpecPart(self, "args")
        self.kwargs = _ParamSpecPart(self, "kwargs")

    __repr__ = TypeVar.__repr__


class _ParamSpecPart:
    def __init__(self, origin, part):
        self.__origin__ = origin
        self._part = part

    def __repr__(self):
        return f"{self.__origin__.__name__}.{self._part}"


class _SpecialForm(_Final):
    def __init__(self, name, getitem=None):
        self._name = name
        self._getitem = getitem

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        if self._getitem is None:
            raise TypeError(f"{self} is not subscriptable")
        return self._getitem(self, params)

    def __call__(self, *args, **kwargs):
        raise TypeError(f"Cannot instantiate {self!r}")

    def __mro_entries__(self, bases):
        raise TypeError(f"Cannot subclass {self!r}")

    def __instancecheck__(self, obj):
        raise TypeError(f"{self} cannot be used with isinstance()")

    def __subclasscheck__(self, cls):
        raise TypeError(f"{self} cannot be used with issubclass()")


class _GenericAlias(_Final):
    """`List[int]`, `Union[int, str]`, `Stack[int]` ..."""

    def __init__(self, origin, args, name=None, inst=True):
        self.__origin__ = origin
        self.__args__ = args
        self.__parameters__ = _collect(args)
        self._name = name
        self._inst = inst

    def __repr__(self):
        args = self.__args__
        if self.__origin__ is Union and len(args) == 2 and _NoneType in args:
            return f"typing.Optional[{_type_repr(args[args[0] is _NoneType])}]"
        name = "typing." + self._name if self._name else _type_repr(self.__origin__)
        if self._name == "Callable" and not (len(args) == 2 and _is_params(args[0])):
            return f"{name}[[{', '.join(_type_repr(a) for a in args[:-1])}], {_type_repr(args[-1])}]"
        return f"{name}[{', '.join(_type_repr(a) for a in args) if args else '()'}]"

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        if self.__origin__ is Union and other.__origin__ is Union:
            return set(self.__args__) == set(other.__args__)
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __call__(self, *args, **kwargs):
        if not self._inst:
            raise TypeError(f"Type {self._name} cannot be instantiated; "
                            f"use {self.__origin__.__name__}() instead")
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except Exception:
            pass
        return result

    def __getattr__(self, attr):
        if attr.startswith("__") or attr == "_name":
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)

    def __getitem__(self, params):
        if self.__origin__ is Union or not self.__parameters__:
            raise TypeError(f"{self} is not a generic class")
        params = tuple(_convert(p) for p in _tuple(params))
        _check_count(self, len(params), len(self.__parameters__))
        sub = dict(zip(self.__parameters__, params))
        args = []
        for a in self.__args__:
            if isinstance(a, TypeVar):
                a = sub[a]
            elif getattr(a, "__parameters__", None) and not isinstance(a, type):
                a = a[tuple(sub[p] for p in a.__parameters__)]
            args.append(a)
        return _GenericAlias(self.__origin__, tuple(args), self._name, self._inst)

    def __mro_entries__(self, bases):
        if self.__origin__ is Union:
            raise TypeError(f"Cannot subclass {self!r}")
        if self.__origin__ is Generic:
            if Protocol in bases:
                return ()
            i = bases.index(self)
            return () if any(isinstance(b, _GenericAlias) for b in bases[i + 1:]) else (Generic,)
        res = [] if self.__origin__ in bases else [self.__origin__]
        i = bases.index(self)
        for b in bases[i + 1:]:
            if isinstance(b, (_GenericAlias, _Alias)) or isinstance(b, type) and issubclass(b, Generic):
                break
        else:
            res.append(Generic)
        return tuple(res)

    def __instancecheck__(self, obj):
        if self.__origin__ is Union:
            return self.__subclasscheck__(type(obj))
        raise TypeError("Subscripted generics cannot be used with class and instance checks")

    def __subclasscheck__(self, cls):
        if self.__origin__ is Union:
            return any(issubclass(cls, a) for a in self.__args__)
        raise TypeError("Subscripted generics cannot be used with class and instance checks")


class _Alias(_Final):
    """The unsubscripted aliases: `typing.List`, `typing.AsyncIterator` ..."""

    def __init__(self, origin, nparams, name, inst=True):
        self.__origin__ = origin
        self._nparams = nparams
        self._name = name
        self._inst = inst

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        params = tuple(_convert(p) for p in _tuple(params))
        if self._name == "Callable":
            if len(params) != 2:
                raise TypeError("Callable must be used as Callable[[arg, ...], result].")
            args, result = params
            if not (_is_params(args) or isinstance(args, (list, tuple))):
                args = [args]
            params = (args, result) if _is_params(args) else (*map(_convert, args), result)
        elif self._name != "Tuple":
            _check_count(self, len(params), self._nparams)
        return _GenericAlias(self.__origin__, params, self._name, self._inst)

    def __call__(self, *args, **kwargs):
        if not self._inst:
            raise TypeError(f"Type {self._name} cannot be instantiated; "
                            f"use {self.__origin__.__name__}() instead")
        return self.__origin__(*args, **kwargs)

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)

    def __mro_entries__(self, bases):
        return _GenericAlias.__mro_entries__(self, bases)

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__origin__)

    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__origin__)


def _is_params(x):
    return x is ... or isinstance(x, ParamSpec)


def _union_getitem(self, params):
    if params == ():
        raise TypeError("Cannot take a Union of no types.")
    args = []
    for p in _tuple(params):
        p = _convert(p)
        flat = p.__args__ if isinstance(p, _UT) or getattr(p, "__origin__", None) is Union else (p,)
        for a in flat:
            if a not in args:
                args.append(a)
    if len(args) == 1:
        return args[0]
    return _GenericAlias(Union, tuple(args))


def _optional_getitem(self, param):
    return Union[param, None]


def _one_getitem(self, param):
    return _GenericAlias(self, (_convert(param),), self._name)


def _literal_getitem(self, params):
    args = []
    for p in _tuple(params):
        if not any(p == a and type(p) is type(a) for a in args):
            args.append(p)
    return _GenericAlias(self, tuple(args), "Literal")


Any = _SpecialForm("Any")
NoReturn = _SpecialForm("NoReturn")
Never = _SpecialForm("Never")
Self = _SpecialForm("Self")
LiteralString = _SpecialForm("LiteralString")
TypeAlias = _SpecialForm("TypeAlias")
Union = _SpecialForm("Union", _union_getitem)
Optional = _SpecialForm("Optional", _optional_getitem)
ClassVar = _SpecialForm("ClassVar", _one_getitem)
Final = _SpecialForm("Final", _one_getitem)
Required = _SpecialForm("Required", _one_getitem)
NotRequired = _SpecialForm("NotRequired", _one_getitem)
Literal = _SpecialForm("Literal", _literal_getitem)


class _AnnotatedAlias(_GenericAlias):
    def __init__(self, origin, metadata):
        super().__init__(origin, (origin,))
        self.__metadata__ = metadata

    def __repr__(self):
        return f"typing.Annotated[{_type_repr(self.__origin__)}, {', '.join(repr(m) for m in self.__metadata__)}]"

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)


class _AnnotatedForm(_SpecialForm):
    def __getitem__(self, params):
        if not isinstance(params, tuple) or len(params) < 2:
            raise TypeError("Annotated[...] should be used with at least two arguments "
                            "(a type and an annotation).")
        return _AnnotatedAlias(_convert(params[0]), params[1:])


Annotated = _AnnotatedForm("Annotated")

List = _Alias(list, 1, "List", False)
Dict = _Alias(dict, 2, "Dict", False)
Set = _Alias(set, 1, "Set", False)
FrozenSet = _Alias(frozenset, 1, "FrozenSet", False)
Tuple = _Alias(tuple, -1, "Tuple", False)
Type = _Alias(type, 1, "Type", False)
Deque = _Alias(_coll.deque, 1, "Deque")
DefaultDict = _Alias(_coll.defaultdict, 2, "DefaultDict")
OrderedDict = _Alias(_coll.OrderedDict, 2, "OrderedDict")
Counter = _Alias(_coll.Counter, 1, "Counter")
Callable = _Alias(_abc.Callable, -1, "Callable")
Awaitable = _Alias(_abc.Awaitable, 1, "Awaitable")
Coroutine = _Alias(_abc.Coroutine, 3, "Coroutine")
AsyncIterable = _Alias(_abc.AsyncIterable, 1, "AsyncIterable")
AsyncIterator = _Alias(_abc.AsyncIterator, 1, "AsyncIterator")
AsyncGenerator = _Alias(_abc.AsyncGenerator, 2, "AsyncGenerator")
Iterable = _Alias(_abc.Iterable, 1, "Iterable")
Iterator = _Alias(_abc.Iterator, 1, "Iterator")
Generator = _Alias(_abc.Generator, 3, "Generator")
Reversible = _Alias(_abc.Reversible, 1, "Reversible")
Container = _Alias(_abc.Container, 1, "Container")
Collection = _Alias(_abc.Collection, 1, "Collection")
Hashable = _Alias(_abc.Hashable, 0, "Hashable")
Sized = _Alias(_abc.Sized, 0, "Sized")
Sequence = _Alias(_abc.Sequence, 1, "Sequence")
MutableSequence = _Alias(_abc.MutableSequence, 1, "MutableSequence")
Mapping = _Alias(_abc.Mapping, 2, "Mapping")
MutableMapping = _Alias(_abc.MutableMapping, 2, "MutableMapping")
AbstractSet = _Alias(_abc.Set, 1, "AbstractSet")
MutableSet = _Alias(_abc.MutableSet, 1, "MutableSet")
Text = str
AnyStr = TypeVar("AnyStr", bytes, str)


class Generic:
    """Base of user generic classes: `class Stack(Generic[T])`, then `Stack[int]`."""

    @classmethod
    def __class_getitem__(cls, params):
        params = tuple(_convert(p) for p in _tuple(params))
        if cls is Generic or cls is Protocol:
            if not params:
                raise TypeError(f"Parameter list to {cls.__qualname__}[...] cannot be empty")
            if not all(isinstance(p, TypeVar) for p in params):
                raise TypeError(f"Parameters to {cls.__name__}[...] must all be type variables "
                                f"or parameter specification variables.")
            if len(set(params)) != len(params):
                raise TypeError(f"Parameters to {cls.__name__}[...] must all be unique")
        else:
            if not cls.__parameters__:
                raise TypeError(f"{cls} is not a generic class")
            _check_count(cls, len(params), len(cls.__parameters__))
        return _GenericAlias(cls, params)

    @classmethod
    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        orig = cls.__dict__.get("__orig_bases__", ())
        tvars = _collect(orig)
        for base in orig:
            if isinstance(base, _GenericAlias) and base.__origin__ in (Generic, Protocol):
                tvars = base.__parameters__
        cls.__parameters__ = tvars


class Protocol(Generic):
    _is_protocol = True

    @classmethod
    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        if not cls.__dict__.get("_is_protocol", False):
            cls._is_protocol = Protocol in cls.__bases__

    def __new__(cls, *args, **kwargs):
        if cls._is_protocol:
            raise TypeError("Protocols cannot be instantiated")
        return object.__new__(cls)

    @classmethod
    def __awaitscope_subclasscheck__(cls, t):
        if cls._is_protocol:
            raise TypeError("Instance and class checks can only be used with "
                            "@runtime_checkable protocols")
        return cls in t.__mro__


Generic.__parameters__ = ()


def runtime_checkable(cls):
    raise NotImplementedError("typing.runtime_checkable is not supported in Awaitscope")


_prohibited = ("__new__", "__init__", "__slots__", "__getnewargs__", "_fields",
               "_field_defaults", "_make", "_replace", "_asdict", "_source")


class _NamedTupleBase:
    @classmethod
    def __init_subclass__(cls):
        if _NamedTupleBase not in cls.__bases__:
            return
        ns = cls.__dict__
        defaults = {}
        for name in ns.get("__annotations__", {}):
            if name in ns:
                defaults[name] = ns[name]
            elif defaults:
                s = "s" if len(defaults) > 1 else ""
                raise TypeError(f"Non-default namedtuple field {name} cannot follow "
                                f"default field{s} {', '.join(defaults)}")
        for key in ns:
            if key in _prohibited:
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
        cls._fields = tuple(ns.get("__annotations__", {}))
        cls._field_defaults = defaults

    def __init__(self, *args, **kwargs):
        fields, name = self._fields, type(self).__name__
        if len(args) > len(fields):
            most = len(fields) + 1
            least = most - len(self._field_defaults)
            takes = f"from {least} to {most}" if least < most else most
            raise TypeError(f"{name}.__new__() takes {takes} positional arguments "
                            f"but {len(args) + 1} were given")
        values = list(args)
        for f in fields[len(args):]:
            if f in kwargs:
                values.append(kwargs.pop(f))
            elif f in self._field_defaults:
                values.append(self._field_defaults[f])
            else:
                missing = [m for m in fields[len(values):] if m not in kwargs
                           and m not in self._field_defaults]
                s = "s" if len(missing) > 1 else ""
                names = " and ".join(", ".join(repr(m) for m in missing).rsplit(", ", 1))
                raise TypeError(f"{name}.__new__() missing {len(missing)} required "
                                f"positional argument{s}: {names}")
        for k in kwargs:
            if k in fields:
                raise TypeError(f"{name}.__new__() got multiple values for argument '{k}'")
            raise TypeError(f"{name}.__new__() got an unexpected keyword argument '{k}'")
        for f, v in zip(fields, values):
            setattr(self, f, v)
        self._tuple = tuple(values)

    def __repr__(self):
        inner = ", ".join(f"{f}={v!r}" for f, v in zip(self._fields, self._tuple))
        return f"{type(self).__name__}({inner})"

    def __iter__(self):
        return iter(self._tuple)

    def __getitem__(self, i):
        return self._tuple[i]

    def __len__(self):
        return len(self._tuple)

    def __hash__(self):
        return hash(self._tuple)

    def __eq__(self, other):
        return self._tuple == _as_tuple(other)

    def __lt__(self, other):
        return self._tuple < _as_tuple(other)

    def __le__(self, other):
        return self._tuple <= _as_tuple(other)

    def __gt__(self, other):
        return self._tuple > _as_tuple(other)

    def __ge__(self, other):
        return self._tuple >= _as_tuple(other)

    def _asdict(self):
        return dict(zip(self._fields, self._tuple))

    def _replace(self, **kwargs):
        return type(self)(**{**self._asdict(), **kwargs})

    @classmethod
    def _make(cls, iterable):
        return cls(*iterable)


def _as_tuple(other):
    return other._tuple if isinstance(other, _NamedTupleBase) else other


def NamedTuple(typename, fields=None, /, **kwargs):
    items = list(kwargs.items()) if fields is None else list(fields)
    return type(typename, (_NamedTupleBase,), {"__annotations__": dict(items)})


NamedTuple.__mro_entries__ = lambda bases: (_NamedTupleBase,)


class _TypedDictBase:
    def __new__(cls, *args, **kwargs):
        return dict(*args, **kwargs)


def TypedDict(typename, fields=None, /, *, total=True, **kwargs):
    return type(typename, (_TypedDictBase,), {"__annotations__": dict(fields or kwargs)})


TypedDict.__mro_entries__ = lambda bases: (_TypedDictBase,)


class NewType:
    def __init__(self, name, tp):
        self.__qualname__ = self.__name__ = name
        self.__supertype__ = tp
        self.__module__ = "__main__"

    def __repr__(self):
        return f"{self.__module__}.{self.__qualname__}"

    def __call__(self, x):
        return x

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __mro_entries__(self, bases):
        raise TypeError("Cannot subclass an instance of NewType. Perhaps you were looking for: "
                        f"`{self.__name__}Sub = NewType('{self.__name__}Sub', {self.__name__})`")


def get_origin(tp):
    if isinstance(tp, _AnnotatedAlias):
        return Annotated
    if isinstance(tp, (_GenericAlias, _Alias, _GA, _ParamSpecPart)):
        return tp.__origin__
    if isinstance(tp, _UT):
        return _UT
    return Generic if tp is Generic else None


def get_args(tp):
    if isinstance(tp, _AnnotatedAlias):
        return (tp.__origin__,) + tp.__metadata__
    if isinstance(tp, (_GenericAlias, _GA)):
        res = tp.__args__
        if tp.__origin__ is _abc.Callable and res and not (len(res) == 2 and _is_params(res[0])):
            res = (list(res[:-1]), res[-1])
        return res
    return tp.__args__ if isinstance(tp, _UT) else ()


def cast(typ, val):
    return val


def overload(func):
    def _overload_dummy(*args, **kwds):
        raise NotImplementedError(
            "You should not call an overloaded function. A series of @typing.overload-decorated "
            "functions outside a stub module should always be followed by an implementation "
            "that is not @typing.overload-decorated.")
    return _overload_dummy


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def no_type_check(f):
    return f


def assert_never(arg):
    raise AssertionError(f"Expected code to be unreachable, but got: {repr(arg)[:100]}")
