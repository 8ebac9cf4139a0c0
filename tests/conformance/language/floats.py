print(0.1 + 0.2, 0.1 * 3, 1 / 3, 2 / 3, 10 / 3)
print(1e16, 1e15, 123456789012345678.0, 1e-4, 1e-5, 0.00001234)
print(1.0, 2.5, -0.0, 100.0, 3.0e10, 1.5e300 * 1e10)
print(float("inf"), float("-inf"), float("nan"), float("3.25"), float(" -1e3 "), float(7))
print(round(2.675, 2), round(0.5), round(1.5), round(3.14159, 3), round(-0.5))
print(int(2.5e3), 7.0 // 2, -7.0 // 2, 7.5 % 2, -7.5 % 2, divmod(7.5, 2))
print(2 ** 0.5, 10 ** -2, 4 ** 0.5, 0.1 ** 2)
print(1.1 + 2.2 == 3.3, abs(-2.5), max(1.5, 2), min(0.1, -0.1))
print(sum([0.1] * 10), 1e308 * 10, -1e308 * 10)
print(float("inf") > 1e308, float("nan") == float("nan"), 3.0 == 3)
print((2.5).is_integer(), (3.0).is_integer(), 5e-324, 1.7976931348623157e308)
print(str(1.23456789012), repr(0.3), 100000000000000000.0, 12345.678e5)
print(3 * 1.1, 1 - 0.9, 0.1 + 0.7, 4.35 * 100)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    float("abc")
except ValueError as e:
    print("ValueError:", e)
