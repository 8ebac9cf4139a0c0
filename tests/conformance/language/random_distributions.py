"""random: keyword arguments, weighted choices, sample(counts=), and the
distributions simulations use (expovariate arrivals, gauss jitter ...)."""
import random
print(random.sample(range(10), k=3))
print(random.choices(["a", "b", "c"], weights=[10, 1, 1], k=5))
print(random.choices(["a", "b", "c"], [0, 0, 1], k=3))
print(random.choices(["a", "b", "c"], cum_weights=[1, 1, 3], k=4))
print(random.choices(range(5), weights=[0.1, 0.2, 0.3, 0.2, 0.2], k=10))
print(random.choice("abc"), random.randrange(0, 10, 2), random.randrange(5), random.randrange(2, 9))
for bad in (lambda: random.choices(["a", "b"], weights=[1], k=2), lambda: random.choices(["a", "b"], 3),
            lambda: random.choices("ab", weights=[0, 0]), lambda: random.choices("ab", [1, 1], cum_weights=[1, 2]),
            lambda: random.expovariate(), lambda: random.expovariate(0), lambda: random.sample([1, 2], 3),
            lambda: random.sample("ab", 2, counts=[1])):
    try:
        print(bad())
    except (ValueError, TypeError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
print(random.sample(["x", "y", "z"], 2, counts=None), random.sample(["x", "y"], k=4, counts=[3, 2]))
print([round(random.expovariate(1 / 5), 6) for _ in range(3)])
print([round(random.gauss(10, 2), 6) for _ in range(3)], round(random.gauss(), 6))
print([round(random.normalvariate(0, 1), 6) for _ in range(3)], round(random.lognormvariate(0, 0.5), 6))
print(round(random.triangular(1, 10, 3), 6), round(random.triangular(), 6), random.triangular(2, 2, 2), round(random.triangular(5, 1), 6))
print(round(random.paretovariate(3), 6), round(random.weibullvariate(1, 1.5), 6), round(random.uniform(a=1, b=2), 6))
random.seed(7)
a = random.gauss(0, 1)
random.seed(7)
print(a == random.gauss(0, 1), random.randint(a=1, b=6))
