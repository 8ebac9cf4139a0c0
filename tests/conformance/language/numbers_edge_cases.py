print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, -7.5 // 2, -7.5 % 2, divmod(-7.5, 2))
print(pow(-2, 3), pow(2, -2), 0 ** 0, 0.0 ** 0)
print(round(0.125, 2), round(0.375, 2), round(-1.5), round(2.5), round(1e15 + 0.5))
print(True + 1, True == 1, isinstance(True, int), type(True + True).__name__, True / 2)
print(10 / 4, 10 // 4, 10.0 // 4, -10 // 4, 2 ** 31, -2 ** 31, 2 ** 62 + (2 ** 62 - 1) == 9223372036854775807)
print(int("  -0x1f".strip(), 16), int("0b101", 0), int("0o17", 0), int("1_000"))
print(float("1_000.5"), float("-inf") < -1e308, 1e308 + 1e308, -(1e308 * 10))
print(abs(-7), abs(-7.25), abs(True), max(1, 2.0), min(-0.0, 0.0), max(0.0, -0.0))
print(sum([1, 2.5]), sum([]), sum([[1], [2]], []), 7 / 7, 1 - 1.0)
print(3 * 0.1 == 0.3, abs(3 * 0.1 - 0.3) < 1e-9, 0.1 + 0.2 > 0.3)
print(9007199254740993, float(9007199254740993), int(1e18), int(-2.9999999999999996))
print(1 < 2.5 < 3, 2 == 2.0 == True + 1, 5 // 0.5, 5 % 0.75)
print(hash(1.0) == hash(1), 1.0 == 1, {1: "a", 1.0: "b"}, 3 // 2 * 2 + 3 % 2)
try:
    0.0 ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    int("12abc")
except ValueError as e:
    print("ValueError:", e)
