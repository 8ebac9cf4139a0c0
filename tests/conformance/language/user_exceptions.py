class AppError(Exception):
    pass


class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"{key} not found")
        self.key = key


class Retry(AppError):
    def __init__(self, attempts, reason):
        self.attempts = attempts
        self.reason = reason
        super().__init__(attempts, reason)

    def __str__(self):
        return f"gave up after {self.attempts} attempts: {self.reason}"


def lookup(key):
    raise NotFound(key)


def give_up():
    raise Retry(3, "timeout")


for exc_fn in (lambda: lookup("user"), give_up):
    try:
        exc_fn()
    except AppError as e:
        print(type(e).__name__, "|", e, "|", e.args, "|", repr(e))

try:
    lookup("id")
except NotFound as e:
    print("key was", e.key, isinstance(e, Exception))

e = ValueError("a", 1)
print(e.args, str(e), repr(e))
print(str(ValueError()), repr(ValueError()), repr(KeyError("k")), str(KeyError("k")))
print(issubclass(NotFound, AppError), issubclass(AppError, BaseException))
