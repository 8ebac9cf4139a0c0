def describe(name, greeting="Hello", *args, punctuation="!", **kwargs):
    extra = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    return f"{greeting}, {name}{punctuation} args={args} extra=[{extra}]"


print(describe("Ann"))
print(describe("Bob", "Hi"))
print(describe("Cy", "Hey", 1, 2, 3))
print(describe(greeting="Yo", name="Di"))
print(describe("Ed", punctuation="?", mood="good", level=3))
args = ("Flo", "Howdy", "x")
kwargs = {"punctuation": ".", "k": "v"}
print(describe(*args, **kwargs))


def only_keywords(*, a, b=2):
    return a + b


print(only_keywords(a=1), only_keywords(b=5, a=1))


def no_return():
    pass


print(no_return())


def early(x):
    if x > 0:
        return "positive"
    return


print(early(1), early(-1))


def defaults_evaluated_once(item, bucket=[]):
    bucket.append(item)
    return bucket


print(defaults_evaluated_once(1), defaults_evaluated_once(2))
try:
    describe()
except TypeError as e:
    print("TypeError:", e)
try:
    only_keywords(1)
except TypeError as e:
    print("TypeError:", e)
