class ConfigError(Exception):
    pass


def load(key):
    config = {"a": 1}
    try:
        return config[key]
    except KeyError as e:
        raise ConfigError(f"missing setting {key!r}") from e


try:
    load("b")
except ConfigError as e:
    print(repr(e))
    print("cause:", repr(e.__cause__))
    print("context:", repr(e.__context__))
    print("suppress:", e.__suppress_context__)

try:
    try:
        {}["x"]
    except KeyError:
        raise RuntimeError("clean") from None
except RuntimeError as e:
    print(repr(e), e.__cause__, repr(e.__context__), e.__suppress_context__)

try:
    try:
        [][1]
    except IndexError:
        raise ValueError("during handling")
except ValueError as e:
    print(repr(e), e.__cause__, repr(e.__context__))
