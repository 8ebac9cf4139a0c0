class Animal:
    def __init__(self, name):
        self.name = name

    def speak(self):
        return "..."

    def introduce(self):
        return f"I am {self.name} and I say {self.speak()}"


class Dog(Animal):
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed

    def speak(self):
        return "Woof"


class Puppy(Dog):
    def speak(self):
        return super().speak() + " (squeaky)"

    def introduce(self):
        base = super().introduce()
        return base + f", a young {self.breed}"


for animal in [Animal("generic"), Dog("Rex", "collie"), Puppy("Bit", "pug")]:
    print(animal.introduce())

p = Puppy("Bit", "pug")
print(isinstance(p, Dog), isinstance(p, Animal), issubclass(Puppy, Animal), issubclass(Animal, Dog))
print(type(p).__name__, type(p) is Dog, type(p) == Puppy)
print(isinstance(3, (str, int)), isinstance("s", (list, tuple)))
