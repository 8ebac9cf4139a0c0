print(7 // 2, -7 // 2, 7 // -2, 7 % 3, -7 % 3, 7 % -3, divmod(-7, 2))
print(2 ** 10, 2 ** 62, -2 ** 2, (-2) ** 3, 2 ** -1, 10 ** 18)
print(7 / 2, 6 / 3, type(6 / 3).__name__, 1 / 4)
print(abs(-5), abs(5), -(-3), +4)
print(0b1010, 0o17, 0xff, 1_000_000)
print(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 10, 1024 >> 3, -16 >> 2)
print(int("42"), int("-17"), int("  8 "), int(3.99), int(-3.99), int("ff", 16), int("101", 2))
print(int(True), True + True, False * 10, sum([True, True, False]))
print(round(2.5), round(3.5), round(-2.5), round(7), round(1234, -2))
print(max(-1, -5), min(3, 1, 2), pow(3, 4), pow(2, 10, 1000))
print(str(123), repr(-4), len(str(2 ** 40)), 9223372036854775807)
print(3 * "ab", [0] * 3, 10 - 20, 12345679 * 9)
print(hash(5), hash(-1), hash(True), 17 == 17.0, 2 ** 62 - 1 + 2 ** 62)
try:
    int("3.5")
except ValueError as e:
    print("ValueError:", e)
try:
    1 // 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    5 % 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
