# collections for Awaitscope: deque, defaultdict, Counter, OrderedDict, namedtuple.

def _generic_alias(cls, item):
    import types
    return types.GenericAlias(cls, item)


class deque:
    __class_getitem__ = classmethod(_generic_alias)

    def __init__(self, iterable=(), maxlen=None):
        self._items = []
        self.maxlen = maxlen
        for x in iterable:
            self.append(x)

    def append(self, x):
        self._items.append(x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop(0)

    def appendleft(self, x):
        self._items.insert(0, x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop()

    def pop(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop()

    def popleft(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop(0)

    def extend(self, it):
        for x in it:
            self.append(x)

    def extendleft(self, it):
        for x in it:
            self.appendleft(x)

    def clear(self):
        self._items.clear()

    def remove(self, x):
        self._items.remove(x)

    def count(self, x):
        return self._items.count(x)

    def index(self, x):
        return self._items.index(x)

    def rotate(self, n=1):
        if self._items:
            n = n % len(self._items)
            self._items[:] = self._items[-n:] + self._items[:-n]

    def reverse(self):
        self._items.reverse()

    def copy(self):
        return deque(self._items, self.maxlen)

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return len(self._items) > 0

    def __iter__(self):
        return iter(list(self._items))

    def __reversed__(self):
        return reversed(list(self._items))

    def __getitem__(self, i):
        return self._items[i]

    def __setitem__(self, i, v):
        self._items[i] = v

    def __contains__(self, x):
        return x in self._items

    def __eq__(self, other):
        return isinstance(other, deque) and self._items == other._items

    def __repr__(self):
        if self.maxlen is None:
            return "deque(" + repr(self._items) + ")"
        return "deque(" + repr(self._items) + ", maxlen=" + repr(self.maxlen) + ")"


class defaultdict(dict):
    __class_getitem__ = classmethod(_generic_alias)

    def __init__(self, default_factory=None, *args, **kwargs):
        self.default_factory = default_factory
        for k, v in dict(*args, **kwargs).items():
            self[k] = v

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self[key] = value
        return value

    def __repr__(self):
        return "defaultdict(" + repr(self.default_factory) + ", " + repr(dict(self.items())) + ")"


class Counter(dict):
    __class_getitem__ = classmethod(_generic_alias)

    def __init__(self, iterable=None, **kwargs):
        if iterable is not None:
            self.update(iterable)
        if kwargs:
            self.update(kwargs)

    def __missing__(self, key):
        return 0

    def update(self, iterable=None, **kwargs):
        if iterable is not None:
            if isinstance(iterable, dict):
                for k, v in iterable.items():
                    self[k] = self[k] + v
            else:
                for k in iterable:
                    self[k] = self[k] + 1
        for k, v in kwargs.items():
            self[k] = self[k] + v

    def most_common(self, n=None):
        items = sorted(self.items(), key=lambda kv: kv[1], reverse=True)
        if n is None:
            return items
        return items[:n]

    def elements(self):
        out = []
        for k, v in self.items():
            for _ in range(v):
                out.append(k)
        return out

    def total(self):
        return sum(self.values())

    def __repr__(self):
        if not self:
            return "Counter()"
        return "Counter({" + ", ".join(repr(k) + ": " + repr(v) for k, v in self.most_common()) + "})"


OrderedDict = dict


def namedtuple(typename, field_names, defaults=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    fields = tuple(field_names)

    def __init__(self, *args, **kwargs):
        values = list(args)
        for name in fields[len(values):]:
            if name in kwargs:
                values.append(kwargs[name])
            elif defaults is not None and len(fields) - fields.index(name) <= len(defaults):
                values.append(defaults[len(defaults) - (len(fields) - fields.index(name))])
            else:
                raise TypeError(typename + ".__new__() missing 1 required positional argument: '" + name + "'")
        for name, value in zip(fields, values):
            object.__setattr__(self, name, value) if False else setattr(self, name, value)
        self._values = tuple(values)

    def __repr__(self):
        return typename + "(" + ", ".join(n + "=" + repr(v) for n, v in zip(fields, self._values)) + ")"

    def __iter__(self):
        return iter(self._values)

    def __getitem__(self, i):
        return self._values[i]

    def __len__(self):
        return len(fields)

    def __eq__(self, other):
        return tuple(self) == tuple(other)

    def __hash__(self):
        return hash(self._values)

    def _asdict(self):
        return dict(zip(fields, self._values))

    def _replace(self, **kwargs):
        d = dict(zip(fields, self._values))
        d.update(kwargs)
        return cls(**d)

    cls = type(typename, (), {
        "__init__": __init__, "__repr__": __repr__, "__iter__": __iter__,
        "__getitem__": __getitem__, "__len__": __len__, "__eq__": __eq__,
        "__hash__": __hash__, "_asdict": _asdict, "_replace": _replace, "_fields": fields,
    })
    return cls
