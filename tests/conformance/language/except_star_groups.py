def risky():
    raise ExceptionGroup("several problems", [
        ValueError("bad value"),
        TypeError("bad type"),
        ValueError("another value"),
        KeyError("k"),
    ])


try:
    risky()
except* ValueError as eg:
    print("ValueErrors:", [str(e) for e in eg.exceptions])
except* TypeError as eg:
    print("TypeErrors:", [str(e) for e in eg.exceptions])
except* LookupError as eg:
    print("LookupErrors:", [repr(e) for e in eg.exceptions])

eg = ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [TypeError(2)])])
print(str(eg), len(eg.exceptions), eg.message)
print(repr(eg.exceptions[0]))

try:
    try:
        raise ExceptionGroup("g", [ValueError("v"), OSError("o")])
    except* ValueError:
        print("handled the ValueError part")
except ExceptionGroup as rest:
    print("unhandled rest:", rest.message, [repr(e) for e in rest.exceptions])

try:
    raise ValueError("plain")
except* ValueError as eg:
    print("plain exception wrapped:", type(eg).__name__, repr(eg.exceptions))
