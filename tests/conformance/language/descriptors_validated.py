# The Descriptor HowTo's validators: __set_name__ gives each descriptor its
# attribute's name; __set__ validates, __get__ reads the private attribute.


class Validator:
    def __set_name__(self, owner, name):
        print(f"__set_name__({owner.__name__}, {name!r})")
        self.public_name = name
        self.private_name = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private_name)

    def __set__(self, obj, value):
        self.validate(value)
        setattr(obj, self.private_name, value)

    def validate(self, value):
        pass


class Positive(Validator):
    def validate(self, value):
        if not isinstance(value, (int, float)):
            raise TypeError(f"{self.public_name} must be a number, not {type(value).__name__}")
        if value <= 0:
            raise ValueError(f"{self.public_name} must be positive, got {value}")


class Typed(Validator):
    def __init__(self, kind):
        self.kind = kind

    def validate(self, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"expected {self.kind.__name__} for {self.public_name}, got {value!r}")


class OneOf(Validator):
    def __init__(self, *options):
        self.options = set(options)

    def validate(self, value):
        if value not in self.options:
            raise ValueError(f"{value!r} is not one of {sorted(self.options)}")


print("defining Component")


class Component:
    name = Typed(str)
    kind = OneOf("wood", "metal", "plastic")
    quantity = Positive()

    def __init__(self, name, kind, quantity):
        self.name = name
        self.kind = kind
        self.quantity = quantity

    def __repr__(self):
        return f"Component({self.name!r}, {self.kind!r}, {self.quantity})"


c = Component("widget", "metal", 5)
print(c, sorted(vars(c)))
print(c.name, c.kind, c.quantity)
c.quantity = 2.5
print(c.quantity, c._quantity)

for args in [("Widget", "metal", 0), ("WIDGET", "metle", 5), (3, "wood", 1), ("x", "wood", "many")]:
    try:
        Component(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)

try:
    c.quantity = -3
except ValueError as e:
    print("ValueError:", e)
print("unchanged:", c.quantity)

# Class access: __get__(None, Component) returns the descriptor itself.
print(type(Component.quantity).__name__, Component.quantity.public_name)
print(Component.__dict__["kind"].private_name)

# The data descriptor wins over the instance's namespace, even for getattr/setattr.
setattr(c, "name", "gadget")
print(getattr(c, "name"), hasattr(c, "quantity"), vars(c)["_name"])


# Inheritance: a subclass's instances go through the base's descriptors, and a
# subclass body's own descriptor is named in the subclass.
class Part(Component):
    weight = Positive()

    def __init__(self, name, kind, quantity, weight):
        super().__init__(name, kind, quantity)
        self.weight = weight


p = Part("bolt", "metal", 10, 0.25)
print(p, p.weight, sorted(vars(p)))
try:
    p.weight = 0
except ValueError as e:
    print("ValueError:", e)
try:
    p.kind = "glass"
except ValueError as e:
    print("ValueError:", e)


# Each class body's attribute gets its own __set_name__, in namespace order.
class Pair:
    first = Positive()
    second = Positive()
    third = first


print(Pair.first is Pair.third, Pair.first.public_name)
