# itertools' errors for the common misuses, with CPython's messages; checked when
# the iterator is made (or, where CPython checks late, when it is advanced).
from itertools import (accumulate, chain, combinations, combinations_with_replacement,
                       compress, count, cycle, dropwhile, filterfalse, groupby, islice,
                       pairwise, permutations, product, repeat, starmap, takewhile, tee,
                       zip_longest)


def check(label, make):
    try:
        it = make()
    except (TypeError, ValueError) as e:
        print(label, "->", type(e).__name__ + ":", e)
    else:
        try:
            print(label, "made;", list(it))
        except (TypeError, ValueError) as e:
            print(label, "made; when advanced ->", type(e).__name__ + ":", e)


check("islice stop -1", lambda: islice("abc", -1))
check("islice stop -5", lambda: islice("abc", 0, -5))
check("islice stop 'x'", lambda: islice("abc", "x"))
check("islice stop 1.5", lambda: islice("abc", 1.5))
check("islice start -1", lambda: islice("abc", -1, 2))
check("islice start 'x'", lambda: islice("abc", "x", 2))
check("islice step 0", lambda: islice("abc", 0, 2, 0))
check("islice step -1", lambda: islice("abc", 0, 2, -1))
check("islice no stop", lambda: islice("abc"))
check("islice 4 indices", lambda: islice("abc", 1, 2, 3, 4))
check("islice of int", lambda: islice(5, 2))
check("islice True", lambda: islice("abc", True))
check("count str", lambda: count("a"))
check("count step str", lambda: count(0, "1"))
check("repeat times str", lambda: repeat("a", "3"))
check("repeat times float", lambda: repeat("a", 2.0))
check("cycle int", lambda: cycle(1))
check("chain int", lambda: chain([1], 2))
check("chain.from_iterable int", lambda: chain.from_iterable(1))
check("chain.from_iterable [1]", lambda: chain.from_iterable([1]))
check("accumulate int", lambda: accumulate(1))
check("accumulate mixed", lambda: accumulate(["a", 1]))
check("compress int", lambda: compress(1, [1]))
check("dropwhile int", lambda: dropwhile(bool, 1))
check("takewhile int", lambda: takewhile(bool, 1))
check("filterfalse int", lambda: filterfalse(None, 1))
check("groupby int", lambda: groupby(1))
check("pairwise int", lambda: pairwise(1))
check("starmap int", lambda: starmap(pow, 1))
check("starmap of ints", lambda: starmap(pow, [1, 2]))
check("tee int", lambda: tee(1))
check("tee n -1", lambda: tee([1], -1))
check("tee n str", lambda: tee([1], "2"))
check("zip_longest int", lambda: zip_longest([1], 2))
check("product int", lambda: product([1], 2))
check("product repeat -1", lambda: product([1], repeat=-1))
check("product repeat str", lambda: product([1], repeat="2"))
check("permutations r -1", lambda: permutations([1], -1))
check("permutations r str", lambda: permutations([1], "1"))
check("permutations int", lambda: permutations(1))
check("combinations r -1", lambda: combinations([1], -1))
check("combinations r str", lambda: combinations([1], "1"))
check("combinations int", lambda: combinations(1, 1))
check("cwr r -1", lambda: combinations_with_replacement([1], -1))
check("cwr r str", lambda: combinations_with_replacement([1], None))

g = groupby("aab")
_, first = next(g)
next(g)
print("stale group:", list(first))
it = islice("abc", 1)
print(list(it), list(it))
try:
    next(islice([], 1))
except StopIteration:
    print("StopIteration")
print(sum(starmap(pow, [(2, 3), 4])))
