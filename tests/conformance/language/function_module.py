# `__module__` of functions, lambdas, methods and classes: the globals' `__name__`
# when each was made (not when asked), and writable on functions.

def f():
    pass


class K:
    def m(self):
        pass

    async def am(self):
        pass

    @staticmethod
    def s():
        pass

    @classmethod
    def c(cls):
        pass


print(f.__module__, (lambda: 0).__module__)
print(K.__module__, K.m.__module__, K().m.__module__, K.am.__module__,
      K.s.__module__, K.c.__module__)


def make():
    class Inner:
        def g(self):
            return lambda: 1

    def inner():
        pass

    return Inner, inner


Inner, inner = make()
print(Inner.__module__, Inner.g.__module__, Inner().g().__module__, inner.__module__)

# Renaming the module afterwards changes what is made from then on, not what exists.
__name__ = 'renamed'


def later():
    pass


class Later:
    def m(self):
        pass


print(later.__module__, Later.__module__, Later.m.__module__, f.__module__, K.m.__module__)
Inner2, inner2 = make()
print(Inner2.__module__, Inner2.g.__module__, Inner2().g().__module__, inner2.__module__)
print(Inner.__module__, Inner.g.__module__, Inner().g().__module__, inner.__module__)
del __name__


def nameless():
    pass


print(nameless.__module__, nameless.__qualname__)
__name__ = '__main__'

# Writable, and any object will do.
f.__module__ = 'elsewhere'
print(f.__module__, later.__module__)
f.__module__ = None
print(f.__module__)
K.m.__module__ = 'km'
print(K.m.__module__, K().m.__module__, K.am.__module__)
f.__module__ = 42
print(f.__module__ + 1, '__module__' in f.__dict__)
setattr(later, '__module__', 'via setattr')
print(getattr(later, '__module__'))
