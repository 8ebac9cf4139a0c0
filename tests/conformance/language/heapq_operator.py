"""heapq and operator, as schedulers and result-sorting code use them."""
import asyncio
import heapq
import operator
from operator import attrgetter, itemgetter, methodcaller


async def scheduler(jobs):
    """Run jobs in deadline order; equal deadlines by insertion order."""
    heap = []
    for seq, (deadline, name) in enumerate(jobs):
        heapq.heappush(heap, (deadline, seq, name))
    loop = asyncio.get_running_loop()
    while heap:
        deadline, _, name = heapq.heappop(heap)
        await asyncio.sleep(max(0, deadline - loop.time()))
        print(f"{loop.time():.1f} {name}")


asyncio.run(scheduler([(0.3, "c"), (0.1, "a"), (0.2, "b"), (0.1, "a2"), (0.0, "now")]))

data = [5, 1, 8, 3, 9, 2, 7, 4, 6, 0, 3]
h = list(data)
heapq.heapify(h)
print(h, heapq.heappop(h), heapq.heappushpop(h, 4), heapq.heapreplace(h, 10), h)
print(heapq.nsmallest(3, data), heapq.nlargest(3, data), heapq.nsmallest(1, data), heapq.nlargest(20, data))
words = ["pear", "fig", "banana", "kiwi", "apple", "date"]
print(heapq.nsmallest(2, words, key=len), heapq.nlargest(2, words, key=len), heapq.nlargest(2, iter(words)))
for bad in (lambda: heapq.heappop([]), lambda: heapq.heappush((), 1), lambda: heapq.heapreplace([], 1)):
    try:
        bad()
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)

results = [("api", 200, 0.31), ("db", 500, 0.12), ("cache", 200, 0.05), ("auth", 404, 0.2)]
print(sorted(results, key=itemgetter(2)), sorted(results, key=itemgetter(1, 0)))
print(max(results, key=itemgetter(2))[0], itemgetter(0, 2)(results[0]), itemgetter(1), attrgetter("real", "imag"))


class Task:
    def __init__(self, name, owner, priority):
        self.name, self.owner, self.priority = name, owner, priority

    def label(self, prefix="#"):
        return f"{prefix}{self.name}"


tasks = [Task("b", "ann", 2), Task("a", "bob", 1), Task("c", "ann", 3)]
print([t.name for t in sorted(tasks, key=attrgetter("owner", "priority"))], attrgetter("owner")(tasks[0]))
print(list(map(methodcaller("label", prefix="task-"), tasks)), methodcaller("label", "x", n=1))
print(operator.add(2, 3), operator.mul("ab", 2), operator.truediv(7, 2), operator.floordiv(7, 2),
      operator.mod(7, 3), operator.neg(4), operator.eq(1, 1.0), operator.lt("a", "b"), operator.not_(0))
print(operator.getitem({"k": 1}, "k"), operator.contains([1, 2], 2), operator.countOf([1, 2, 1], 1),
      operator.indexOf("abc", "c"), operator.concat([1], [2]), operator.is_(None, None), operator.index(5))
d = {}
operator.setitem(d, "x", 1)
print(d, operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3), operator.pow(2, 10))
try:
    operator.concat(1, 2)
except TypeError as e:
    print("TypeError:", e)
