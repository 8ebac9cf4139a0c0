# functools for Awaitscope: partial, update_wrapper, wraps, reduce, lru_cache, cache,
# cached_property, total_ordering (CPython 3.11's Lib/functools.py semantics;
# partial and the lru_cache wrapper are C code there, so their frames are not shown).

WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__',
                       '__annotations__')
WRAPPER_UPDATES = ('__dict__',)


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS,
                   updated=WRAPPER_UPDATES):
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            setattr(wrapper, attr, value)
    for attr in updated:
        getattr(wrapper, attr).update(getattr(wrapped, attr, {}))
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    return partial(update_wrapper, wrapped=wrapped, assigned=assigned,
                   updated=updated)


_initial_missing = object()


def reduce(function, sequence, initial=_initial_missing):
    it = iter(sequence)
    if initial is _initial_missing:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError(
                "reduce() of empty iterable with no initial value") from None
    else:
        value = initial
    for element in it:
        value = function(value, element)
    return value


class partial:
    def __init__(self, func, /, *args, **keywords):
        if not callable(func):
            raise TypeError("the first argument must be callable")
        if isinstance(func, partial):
            args = func.args + args
            keywords = {**func.keywords, **keywords}
            func = func.func
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, /, *args, **keywords):
        keywords = {**self.keywords, **keywords}
        return self.func(*self.args, *args, **keywords)

    def __repr__(self):
        args = [repr(self.func)]
        args.extend(repr(x) for x in self.args)
        args.extend(f"{k}={v!r}" for (k, v) in self.keywords.items())
        return f"functools.{type(self).__qualname__}({', '.join(args)})"


def _order_op(root, kind):
    def op(self, other):
        r = getattr(type(self), root)(self, other)
        if r is NotImplemented:
            return r
        if kind == 0:
            return not r and self != other
        if kind == 1:
            return r or self == other
        if kind == 2:
            return not r
        if kind == 3:
            return not r or self == other
        return r and self != other
    return op


_convert = {
    '__lt__': [('__gt__', 0), ('__le__', 1), ('__ge__', 2)],
    '__le__': [('__ge__', 3), ('__lt__', 4), ('__gt__', 2)],
    '__gt__': [('__lt__', 0), ('__ge__', 1), ('__le__', 2)],
    '__ge__': [('__le__', 3), ('__gt__', 4), ('__lt__', 2)],
}


def total_ordering(cls):
    roots = {op for op in _convert
             if getattr(cls, op, None) is not getattr(object, op, None)}
    if not roots:
        raise ValueError('must define at least one ordering operation: < > <= >=')
    root = max(roots)
    for opname, kind in _convert[root]:
        if opname not in roots:
            opfunc = _order_op(root, kind)
            opfunc.__name__ = opname
            setattr(cls, opname, opfunc)
    return cls


_CacheInfo = None
_kwd_mark = (object(),)


def _make_key(args, kwds, typed):
    key = args
    if kwds:
        key += _kwd_mark
        for item in kwds.items():
            key += item
    if typed:
        key += tuple(type(v) for v in args)
        if kwds:
            key += tuple(type(v) for v in kwds.values())
    elif len(key) == 1 and type(key[0]) in (int, str):
        return key[0]
    return key


def lru_cache(maxsize=128, typed=False):
    if isinstance(maxsize, int):
        if maxsize < 0:
            maxsize = 0
    elif callable(maxsize) and isinstance(typed, bool):
        user_function, maxsize = maxsize, 128
        return _lru_cache_wrapper(user_function, maxsize, typed)
    elif maxsize is not None:
        raise TypeError(
            'Expected first argument to be an integer, a callable, or None')

    def decorating_function(user_function):
        return _lru_cache_wrapper(user_function, maxsize, typed)
    return decorating_function


def _lru_cache_wrapper(user_function, maxsize, typed):
    sentinel = object()
    cache = {}
    hits = misses = 0

    def wrapper(*args, **kwds):
        nonlocal hits, misses
        if maxsize == 0:
            misses += 1
            return user_function(*args, **kwds)
        key = _make_key(args, kwds, typed)
        result = cache.get(key, sentinel)
        if result is not sentinel:
            hits += 1
            if maxsize is not None:
                del cache[key]
                cache[key] = result
            return result
        misses += 1
        result = user_function(*args, **kwds)
        if key in cache:
            # the same key was cached during the call (recursion): keep that
            pass
        else:
            if maxsize is not None and len(cache) >= maxsize:
                del cache[next(iter(cache))]
            cache[key] = result
        return result

    def cache_info():
        global _CacheInfo
        if _CacheInfo is None:
            from collections import namedtuple
            _CacheInfo = namedtuple(
                "CacheInfo", ["hits", "misses", "maxsize", "currsize"])
        return _CacheInfo(hits, misses, maxsize, len(cache))

    def cache_clear():
        nonlocal hits, misses
        cache.clear()
        hits = misses = 0

    wrapper.cache_info = cache_info
    wrapper.cache_clear = cache_clear
    wrapper.cache_parameters = lambda: {'maxsize': maxsize, 'typed': typed}
    return update_wrapper(wrapper, user_function)


def cache(user_function, /):
    return lru_cache(maxsize=None)(user_function)


_NOT_FOUND = object()


class cached_property:
    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        if self.attrname is None:
            self.attrname = name
        elif name != self.attrname:
            raise TypeError(
                "Cannot assign the same cached_property to two different names "
                f"({self.attrname!r} and {name!r})."
            )

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.attrname is None:
            raise TypeError(
                "Cannot use cached_property instance without calling __set_name__ on it.")
        val = instance.__dict__.get(self.attrname, _NOT_FOUND)
        if val is _NOT_FOUND:
            val = self.func(instance)
            # (The instance's __dict__ is a copy here: store through object.)
            object.__setattr__(instance, self.attrname, val)
        return val
