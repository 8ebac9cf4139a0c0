class Resource:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress


with Resource("a") as value:
    print("inside with", value)

with Resource("outer") as o, Resource("inner") as i:
    print("both", o, i)

with Resource("quiet", suppress=True):
    raise ValueError("swallowed")
print("after suppressed exception")

try:
    with Resource("loud"):
        raise KeyError("escapes")
except KeyError as e:
    print("caught", repr(e))


def early_return():
    with Resource("ret"):
        return "returned"


print(early_return())
