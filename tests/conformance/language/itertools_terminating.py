# itertools that stop with their shortest input: accumulate, chain, compress,
# dropwhile, takewhile, filterfalse, groupby, islice, pairwise, starmap, tee,
# zip_longest. Each is lazy: it takes from its input only as it is advanced.
from itertools import (accumulate, chain, compress, count, dropwhile, filterfalse,
                       groupby, islice, pairwise, starmap, takewhile, tee, zip_longest)

print(list(accumulate([1, 2, 3, 4, 5])), list(accumulate([3, 1, 4, 1, 5], max)))
print(list(accumulate([1, 2, 3], lambda a, b: a * b)), list(accumulate([])))
print(list(accumulate([1, 2, 3], initial=100)), list(accumulate([], initial=0)))
print(list(accumulate(["a", "b", "c"])), list(accumulate([1, 2], None)))

print(list(chain("ab", [1, 2], (), range(2))), list(chain()))
print(list(chain.from_iterable(["xy", "", "z"])), list(chain.from_iterable([])))
print(list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])), list(compress("ABC", [0, 1])))
print(list(compress(count(), [1, 0, 1])))

print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(dropwhile(bool, [])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(takewhile(bool, [0, 1])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, "", "a", None, []])))

print([(k, list(g)) for k, g in groupby("AAAABBBCCDAABBB")])
print([k for k, g in groupby("AAAABBBCCD")], list(groupby([])))
words = ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]
for letter, group in groupby(words, key=lambda w: w[0]):
    print(letter, list(group))
for key, group in groupby(sorted(words, key=len), len):
    print(key, list(group))
groups = groupby("aabbbc")
k1, g1 = next(groups)
k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2), [(k, list(g)) for k, g in groups])
print([(k, len(list(g))) for k, g in groupby([1.0, 1, True, 2, 2.0])])

print(list(islice("ABCDEFG", 2)), list(islice("ABCDEFG", 2, 4)), list(islice("ABCDEFG", 2, None)))
print(list(islice("ABCDEFG", 0, None, 2)), list(islice("ABC", None)), list(islice("ABC", None, None, None)))
print(list(islice(count(), 3, 15, 4)), list(islice("ABC", 5, 10)), list(islice("ABC", 0)))
it = iter(range(10))
print(list(islice(it, 0, 5, 2)), next(it))
it = iter(range(10))
print(list(islice(it, 3)), next(it))
it = iter(range(10))
print(list(islice(it, 4, 4)), next(it))
it = iter(range(10))
print(list(islice(it, 2, 3)), list(it))

print(list(pairwise("ABCD")), list(pairwise("A")), list(pairwise([])))
print(list(starmap(pow, [(2, 5), (3, 2), [10, 3]])), list(starmap(max, ["ab", (1, 3, 2)])))

a, b = tee(iter([1, 2, 3]))
print(next(a), next(a), list(b), list(a), list(b))
x, y, z = tee("abc", 3)
print(list(x), next(y), list(z), list(y))
print(tee([1, 2], 0), len(tee(range(3))), [list(t) for t in tee(range(3), 4)])

print(list(zip_longest("ABCD", "xy", fillvalue="-")), list(zip_longest("ab", [1])))
print(list(zip_longest()), list(zip_longest([], [])), list(zip_longest("a", "bc", "def")))
print(list(islice(zip_longest(count(), "ab"), 4)))

pulled = []


def source(n):
    for i in range(n):
        pulled.append(i)
        yield i


lazy = [islice(source(5), 1, 3), chain(source(2), source(2)), accumulate(source(3)),
        dropwhile(lambda v: v < 1, source(3)), takewhile(lambda v: v < 1, source(3)),
        filterfalse(None, source(3)), compress(source(3), [0, 1, 1]), pairwise(source(3)),
        starmap(lambda *a: a, ([i] for i in source(3))), zip_longest(source(2), source(1)),
        groupby(source(3))]
print("made", pulled)
for obj in lazy:
    pulled.clear()
    first = next(obj)
    print(first[0] if isinstance(obj, groupby) else first, pulled)
it = iter(range(10))
print(list(takewhile(lambda v: v < 3, it)), next(it))
