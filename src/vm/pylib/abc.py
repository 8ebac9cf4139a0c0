# abc for Awaitscope, after CPython 3.11's: ABC and abstractmethod. There are no
# metaclasses: `class C(metaclass=ABCMeta)` gets ABC as a base instead, and the
# abstract methods are found when a subclass is made, as ABCMeta.__new__ does.


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


def _isabstract(v):
    return any(getattr(x, "__isabstractmethod__", False)
               for x in (v, getattr(v, "fget", None), getattr(v, "__func__", None)))


class ABC:
    @classmethod
    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        abstracts = {name for name, value in cls.__dict__.items() if _isabstract(value)}
        for base in cls.__bases__:
            for name in getattr(base, "__abstractmethods__", ()):
                if _isabstract(getattr(cls, name, None)):
                    abstracts.add(name)
        cls.__abstractmethods__ = frozenset(abstracts)

    def __new__(cls, *args, **kwargs):
        if cls.__abstractmethods__:
            names = sorted(cls.__abstractmethods__)
            raise TypeError(f"Can't instantiate abstract class {cls.__name__} with abstract "
                            f"method{'s' if len(names) > 1 else ''} {', '.join(names)}")
        return object.__new__(cls)


ABC.__abstractmethods__ = frozenset()


class ABCMeta:
    __awaitscope_base__ = ABC
