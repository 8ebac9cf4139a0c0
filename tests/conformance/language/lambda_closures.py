square = lambda x: x * x
add = lambda a, b=10: a + b
print(square(7), add(1), add(1, 2))


def make_multiplier(factor):
    def multiply(x):
        return x * factor
    return multiply


double = make_multiplier(2)
triple = make_multiplier(3)
print(double(5), triple(5))

late = [lambda: i for i in range(3)]
print([f() for f in late])
early = [lambda i=i: i for i in range(3)]
print([f() for f in early])


def make_counter():
    count = 0

    def increment(step=1):
        nonlocal count
        count += step
        return count
    return increment


c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(5), c2())


def outer():
    x = "outer"

    def middle():
        def inner():
            return x.upper()
        return inner()
    return middle()


print(outer())
print(sorted(["banana", "Apple", "cherry"], key=lambda s: s.lower()))
print(list(map(lambda p: p[0] * p[1], [(1, 2), (3, 4)])))
