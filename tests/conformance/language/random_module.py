import random

# The run starts with random.seed(0), so these are reproducible.
print(random.random())
print(random.randint(1, 10), random.randint(1, 10), random.randint(-5, 5))
print(random.uniform(0.5, 2.0))
print(random.choice(["red", "green", "blue"]))
deck = list(range(10))
random.shuffle(deck)
print(deck)
random.seed(42)
print(random.random(), random.randint(1, 100))
random.seed(42)
print(random.random(), random.randint(1, 100))
print(random.randrange(10), random.randrange(0, 100, 5))
