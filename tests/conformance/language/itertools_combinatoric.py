# itertools' combinatoric iterators: product, permutations, combinations,
# combinations_with_replacement (CPython's orders; inputs are read when made,
# results produced lazily).
from itertools import (combinations, combinations_with_replacement, islice,
                       permutations, product)

print(list(product("ab", "xy")), list(product(range(2), repeat=3)))
print(list(product()), list(product("ab", [])), list(product([], repeat=0)))
print(len(list(product("abc", repeat=3))), list(product("ab", range(2), repeat=2))[:5])
print(list(islice(product(range(1000), repeat=4), 3)))
print(["".join(p) for p in permutations("ABC")], list(permutations(range(3), 2)))
print(list(permutations("ab", 3)), list(permutations("ab", 0)), list(permutations([])))
print(len(list(permutations(range(5)))), list(permutations("abcd", 1)))
print(list(combinations("ABCD", 2)), list(combinations(range(4), 3)))
print(list(combinations("ab", 3)), list(combinations("ab", 0)), list(combinations([], 0)))
print(list(combinations_with_replacement("ABC", 2)), list(combinations_with_replacement([1, 2], 3)))
print(list(combinations_with_replacement("", 0)), list(combinations_with_replacement("", 1)))
print(sum(1 for _ in combinations(range(10), 4)), sum(1 for _ in combinations_with_replacement(range(5), 3)))

reads = []


def source():
    for ch in "abc":
        reads.append(ch)
        yield ch


for make in (lambda: product(source(), repeat=2), lambda: permutations(source(), 2),
             lambda: combinations(source(), 2),
             lambda: combinations_with_replacement(source(), 2)):
    reads.clear()
    it = make()
    print(reads, next(it), next(it))

menu = {"size": ["S", "L"], "milk": ["oat", "soy"], "shot": [1, 2]}
for combo in product(*menu.values()):
    print(dict(zip(menu, combo)))
teams = ["red", "blue", "green"]
for home, away in permutations(teams, 2):
    print(f"{home} vs {away}")
