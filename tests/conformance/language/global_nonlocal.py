total = 0
name = "module"


def add(n):
    global total
    total += n


def read_global():
    return total * 10


def shadow():
    name = "local"
    return name


for i in range(1, 5):
    add(i)
print(total, read_global(), shadow(), name)


def outer():
    level = 1

    def bump():
        nonlocal level
        level += 1

    bump()
    bump()
    return level


print(outer())


def set_new_global():
    global created_later
    created_later = "made inside a function"


set_new_global()
print(created_later)

try:
    def broken():
        print(counter)
        counter = 1
    counter = 5
    broken()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
