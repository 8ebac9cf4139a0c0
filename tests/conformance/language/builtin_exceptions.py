five = 5
cases = [
    lambda: [1][3],
    lambda: {"a": 1}["b"],
    lambda: 1 / 0,
    lambda: int("x"),
    lambda: undefined_name,
    lambda: None.attr,
    lambda: "a" * "b",
    lambda: 1 + "a",
    lambda: len(5),
    lambda: [].pop(),
    lambda: iter(5),
    lambda: (1, 2).append(3),
    lambda: {}.popitem(),
    lambda: "abc".index("d"),
    lambda: abs("x"),
    lambda: five(),
    lambda: [1, 2] < 3,
]
for case in cases:
    try:
        case()
    except Exception as e:
        print(f"{type(e).__name__}: {e}")

print(issubclass(KeyError, LookupError), issubclass(IndexError, LookupError))
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(OverflowError, ArithmeticError))
print(issubclass(UnboundLocalError, NameError), issubclass(RecursionError, RuntimeError))
print(issubclass(NotImplementedError, RuntimeError), issubclass(TimeoutError, OSError))
print(issubclass(Exception, BaseException), issubclass(KeyboardInterrupt, Exception))
print(issubclass(StopIteration, Exception), issubclass(AssertionError, Exception))
try:
    {}["k"]
except LookupError as e:
    print("LookupError caught a", type(e).__name__)
try:
    raise NotImplementedError("later")
except RuntimeError as e:
    print("RuntimeError caught", repr(e))
