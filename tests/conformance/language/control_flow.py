def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n % 2 == 0:
        return "even"
    else:
        return "odd"


print([classify(n) for n in (-3, 0, 4, 7)])

i = 0
while i < 10:
    i += 1
    if i % 2:
        continue
    if i > 6:
        break
    print("while", i)
else:
    print("while-else not reached")

n = 0
while n < 3:
    n += 1
else:
    print("while-else reached with", n)

for x in range(5):
    if x == 3:
        print("found 3")
        break
else:
    print("not reached")

for x in []:
    pass
else:
    print("for-else on empty loop")

for row in range(3):
    for col in range(3):
        if col > row:
            break
        print(row, col, end="; ")
print()
if not []:
    pass
print("done")
