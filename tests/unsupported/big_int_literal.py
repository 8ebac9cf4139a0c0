print("small ints are fine:", 2 ** 62)
x = 123456789012345678901234567890
print(x)
