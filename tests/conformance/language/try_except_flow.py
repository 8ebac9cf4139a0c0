def attempt(value):
    try:
        print("  try", value)
        result = 10 // value
    except ZeroDivisionError as e:
        print("  except", e)
        return "error"
    except (TypeError, ValueError) as e:
        print("  tuple except", type(e).__name__)
        return "bad type"
    else:
        print("  else", result)
        return result
    finally:
        print("  finally", value)


for v in (2, 0, "x"):
    print("->", attempt(v))


def finally_overrides():
    try:
        return "from try"
    finally:
        print("finally runs before the return")


print(finally_overrides())


def nested():
    try:
        try:
            raise KeyError("inner")
        except KeyError:
            print("caught inner, raising outer")
            raise ValueError("outer")
    except ValueError as e:
        print("caught", repr(e), "context:", repr(e.__context__))


nested()

try:
    try:
        1 / 0
    finally:
        print("finally while propagating")
except ZeroDivisionError:
    print("propagated")


def reraise():
    try:
        int("zz")
    except ValueError:
        print("logging and re-raising")
        raise


try:
    reraise()
except ValueError as e:
    print("re-raised:", e)

try:
    raise TypeError
except TypeError as e:
    print("class raised:", repr(e))
e = "still bound?"
try:
    raise OSError("x")
except OSError as e:
    pass
try:
    print(e)
except NameError as err:
    print("NameError:", err)
