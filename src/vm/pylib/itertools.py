# itertools for Awaitscope, after the "roughly equivalent" code of CPython 3.11's
# itertools docs and the C module's semantics: arguments are checked and iter()
# taken when the object is made, items are produced lazily. count, repeat and
# groupby are classes (count and repeat with CPython's repr); the others are
# generators (type 'generator', not 'itertools.islice' ...).

_MAXSIZE = 9223372036854775807


def _index(x):
    if not isinstance(x, int):
        raise TypeError(f"'{type(x).__name__}' object cannot be interpreted as an integer")
    return x


class count:
    def __init__(self, start=0, step=1):
        if not isinstance(start, (int, float)) or not isinstance(step, (int, float)):
            raise TypeError("a number is required")
        self._n = start
        self._step = step

    def __iter__(self):
        return self

    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n

    def __repr__(self):
        if isinstance(self._step, int) and self._step == 1:
            return f"{type(self).__name__}({self._n!r})"
        return f"{type(self).__name__}({self._n!r}, {self._step!r})"


class repeat:
    def __init__(self, object, times=None):
        self._obj = object
        self._left = None if times is None else max(_index(times), 0)

    def __iter__(self):
        return self

    def __next__(self):
        if self._left is not None:
            if self._left <= 0:
                raise StopIteration
            self._left -= 1
        return self._obj

    def __length_hint__(self):
        if self._left is None:
            raise TypeError("len() of unsized object")
        return self._left

    def __repr__(self):
        if self._left is None:
            return f"{type(self).__name__}({self._obj!r})"
        return f"{type(self).__name__}({self._obj!r}, {self._left})"


def _cycle(it):
    saved = []
    for element in it:
        yield element
        saved.append(element)
    while saved:
        yield from saved


def cycle(iterable):
    return _cycle(iter(iterable))


def _accumulate(it, func, initial):
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    if func is None:
        for element in it:
            total = total + element
            yield total
    else:
        for element in it:
            total = func(total, element)
            yield total


def accumulate(iterable, func=None, *, initial=None):
    return _accumulate(iter(iterable), func, initial)


def _chain(iterables):
    for it in iterables:
        yield from it


def chain(*iterables):
    return _chain(iterables)


chain.from_iterable = lambda iterable: _chain(iter(iterable))


def compress(data, selectors):
    return (d for d, s in zip(data, selectors) if s)


def _dropwhile(predicate, it):
    for x in it:
        if not predicate(x):
            yield x
            break
    yield from it


def dropwhile(predicate, iterable):
    return _dropwhile(predicate, iter(iterable))


def _takewhile(predicate, it):
    for x in it:
        if not predicate(x):
            return
        yield x


def takewhile(predicate, iterable):
    return _takewhile(predicate, iter(iterable))


def filterfalse(predicate, iterable):
    if predicate is None:
        return (x for x in iterable if not x)
    return (x for x in iterable if not predicate(x))


class groupby:
    def __init__(self, iterable, key=None):
        self.keyfunc = key
        self.it = iter(iterable)
        self.tgtkey = self.currkey = self.currvalue = self._marker = object()

    def __iter__(self):
        return self

    def _step(self):
        self.currvalue = v = next(self.it)
        self.currkey = v if self.keyfunc is None else self.keyfunc(v)

    def __next__(self):
        self.id = object()
        t = self.tgtkey
        while self.currkey is self._marker or (
                t is not self._marker and (t is self.currkey or t == self.currkey)):
            self._step()
        self.tgtkey = self.currkey
        return (self.currkey, self._grouper(self.tgtkey, self.id))

    def _grouper(self, t, id):
        while self.id is id and (t is self.currkey or t == self.currkey):
            yield self.currvalue
            try:
                self._step()
            except StopIteration:
                return


def _islice(it, nxt, stop, step):
    cnt = 0
    while True:
        while cnt < nxt:
            try:
                next(it)
            except StopIteration:
                return
            cnt += 1
        if stop is not None and cnt >= stop:
            return
        try:
            item = next(it)
        except StopIteration:
            return
        cnt += 1
        nxt += step
        if stop is not None and nxt > stop:
            nxt = stop
        yield item


def _ssize(x, default):
    if x is None:
        return default
    return x if isinstance(x, int) else -1


def islice(iterable, *args):
    n = len(args)
    if n < 1:
        raise TypeError(f"islice expected at least 2 arguments, got {n + 1}")
    if n > 3:
        raise TypeError(f"islice expected at most 4 arguments, got {n + 1}")
    start = 0 if n == 1 else _ssize(args[0], 0)
    stop = _ssize(args[1] if n > 1 else args[0], None)
    if stop == -1:
        raise ValueError("Stop argument for islice() must be None or an integer: "
                         "0 <= x <= sys.maxsize.")
    if start < 0 or (stop is not None and stop < -1):
        raise ValueError("Indices for islice() must be None or an integer: "
                         "0 <= x <= sys.maxsize.")
    step = _ssize(args[2], 1) if n == 3 else 1
    if step < 1:
        raise ValueError("Step for islice() must be a positive integer or None.")
    return _islice(iter(iterable), start, stop, step)


def _pairwise(it):
    try:
        a = next(it)
    except StopIteration:
        return
    for b in it:
        yield a, b
        a = b


def pairwise(iterable):
    return _pairwise(iter(iterable))


def _starmap(function, it):
    for args in it:
        if type(args) is not tuple:
            args = tuple(args)
        yield function(*args)


def starmap(function, iterable):
    return _starmap(function, iter(iterable))


def _tee(it, node):
    # node: [value, next node or None], shared by the tee iterators
    while True:
        nxt = node[1]
        if nxt is None:
            try:
                value = next(it)
            except StopIteration:
                return
            nxt = node[1] = [value, None]
        node = nxt
        yield node[0]


def tee(iterable, n=2):
    if _index(n) < 0:
        raise ValueError("n must be >= 0")
    it = iter(iterable)
    head = [None, None]
    return tuple(_tee(it, head) for _ in range(n))


def _zip_longest(iterators, fillvalue):
    num_active = len(iterators)
    if not num_active:
        return
    while True:
        values = []
        for i, it in enumerate(iterators):
            try:
                value = next(it)
            except StopIteration:
                num_active -= 1
                if not num_active:
                    return
                iterators[i] = repeat(fillvalue)
                value = fillvalue
            values.append(value)
        yield tuple(values)


def zip_longest(*args, fillvalue=None):
    return _zip_longest([iter(it) for it in args], fillvalue)


def _product(pools):
    for pool in pools:
        if not pool:
            return
    idx = [0] * len(pools)
    result = [pool[0] for pool in pools]
    yield tuple(result)
    while True:
        for i in reversed(range(len(pools))):
            pool = pools[i]
            k = idx[i] + 1
            if k < len(pool):
                idx[i] = k
                result[i] = pool[k]
                break
            idx[i] = 0
            result[i] = pool[0]
        else:
            return
        yield tuple(result)


def product(*iterables, repeat=1):
    if _index(repeat) < 0:
        raise ValueError("repeat argument cannot be negative")
    return _product([tuple(pool) for pool in iterables] * repeat)


def _permutations(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple(pool[i] for i in indices[:r])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(pool[i] for i in indices[:r])
                break
        else:
            return


def permutations(iterable, r=None):
    pool = tuple(iterable)
    if r is None:
        r = len(pool)
    elif not isinstance(r, int):
        raise TypeError("Expected int as r")
    if r < 0:
        raise ValueError("r must be non-negative")
    return _permutations(pool, r)


def _combinations(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(r))
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != i + n - r:
                break
        else:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple(pool[i] for i in indices)


def _check_r(iterable, r):
    _index(r)
    pool = tuple(iterable)
    if r < 0:
        raise ValueError("r must be non-negative")
    return pool


def combinations(iterable, r):
    return _combinations(_check_r(iterable, r), r)


def _combinations_with_replacement(pool, r):
    n = len(pool)
    if not n and r:
        return
    indices = [0] * r
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != n - 1:
                break
        else:
            return
        indices[i:] = [indices[i] + 1] * (r - i)
        yield tuple(pool[i] for i in indices)


def combinations_with_replacement(iterable, r):
    return _combinations_with_replacement(_check_r(iterable, r), r)
