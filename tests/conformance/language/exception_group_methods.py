"""ExceptionGroup.split / subgroup / derive, on what a TaskGroup raises."""
import asyncio


async def fetch(name, delay, exc=None):
    await asyncio.sleep(delay)
    if exc:
        raise exc


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fetch("a", 0.1, ValueError("bad value")))
            tg.create_task(fetch("b", 0.1, KeyError("missing")))
            tg.create_task(fetch("c", 0.1, TimeoutError("slow")))
            tg.create_task(fetch("d", 0.2))
    except ExceptionGroup as eg:
        return eg


eg = asyncio.run(main())
print(repr(eg))
match, rest = eg.split(ValueError)
print(repr(match), repr(rest))
print(repr(eg.subgroup((KeyError, TimeoutError))), eg.subgroup(ZeroDivisionError))
print(eg.split(Exception)[0] is eg, eg.subgroup(lambda e: isinstance(e, ExceptionGroup)) is eg)
print(repr(eg.subgroup(lambda e: "s" in str(e) and not isinstance(e, ExceptionGroup))))

nested = ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [TypeError(2), ValueError(3)]), OSError(4)])
nested.add_note("a note")
try:
    raise nested from KeyError("cause")
except ExceptionGroup as e:
    nested = e
m, r = nested.split(ValueError)
print(repr(m), repr(r))
print(m.__notes__, r.__notes__, m.__notes__ is nested.__notes__, repr(m.__cause__), m.message)
print(repr(nested.subgroup(lambda e: isinstance(e, (TypeError, OSError)))))
d = nested.derive([RuntimeError("x")])
print(repr(d), type(d).__name__, d.__cause__, getattr(d, "__notes__", None))
base = BaseExceptionGroup("mixed", [KeyboardInterrupt(), ValueError("v")])
bm, br = base.split(Exception)
print(type(base).__name__, repr(bm), type(br).__name__, repr(br))
for cond in (int, (ValueError, str), 3, "abc"):
    try:
        eg.split(cond)
    except TypeError as e:
        print("TypeError:", e)
