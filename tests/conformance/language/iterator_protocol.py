class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


class Deck:
    def __init__(self, cards):
        self.cards = cards

    def __iter__(self):
        return iter(self.cards)

    def __len__(self):
        return len(self.cards)


print(list(Countdown(3)))
for n in Countdown(2):
    print("n =", n)
it = Countdown(2)
print(next(it), next(it), next(it, "done"))
deck = Deck(["A", "K", "Q"])
print(list(deck), len(deck), sorted(deck), "K" in deck)
print(list(zip(Countdown(3), deck)), sum(Countdown(4)))
a, b, c = Countdown(3)
print(a, b, c)


def gen_with_return():
    yield 1
    return "the value"


g = gen_with_return()
next(g)
try:
    next(g)
except StopIteration as stop:
    print("StopIteration value:", stop.value)
