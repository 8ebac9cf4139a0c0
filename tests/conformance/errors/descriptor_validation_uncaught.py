# A validating descriptor's __set__ raises, uncaught: the traceback runs
# through __init__ into the descriptor's __set__ and its validate().


class Positive:
    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        return getattr(obj, "_" + self.name)

    def validate(self, value):
        if value <= 0:
            raise ValueError(f"{self.name} must be positive, got {value}")

    def __set__(self, obj, value):
        self.validate(value)
        setattr(obj, "_" + self.name, value)


class Account:
    balance = Positive()

    def __init__(self, balance):
        self.balance = balance


print(Account(10).balance)
Account(-5)
print("not reached")
