def reraise_nothing():
    raise


try:
    reraise_nothing()
except RuntimeError as e:
    print("RuntimeError:", e)

d = {"a": 1, "b": 2}
try:
    for k in d:
        d["c"] = 3
except RuntimeError as e:
    print("RuntimeError:", e)

try:
    None < 1
except TypeError as e:
    print("TypeError:", e)
try:
    [1, 2, 3].index(7)
except ValueError as e:
    print("ValueError:", e)
try:
    {}.pop("x")
except KeyError as e:
    print("KeyError:", repr(e))
try:
    "x" - "y"
except TypeError as e:
    print("TypeError:", e)
try:
    len()
except TypeError as e:
    print("TypeError:", e)
try:
    (lambda a, b: a)(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    (lambda a: a)(b=1)
except TypeError as e:
    print("TypeError:", e)
try:
    x = [1, 2]
    x[1.5]
except TypeError as e:
    print("TypeError:", e)
try:
    {}["k"]
except KeyError as e:
    print("str of KeyError:", str(e), "args:", e.args)
try:
    int([])
except TypeError as e:
    print("TypeError:", e)
try:
    raise ValueError("first")
except ValueError as first:
    try:
        raise TypeError("second")
    except TypeError as second:
        print(repr(second), "context is first:", second.__context__ is first)
