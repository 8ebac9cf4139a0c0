x = 5
print(1 < x < 10, 1 < x > 10, 0 <= x <= 5 < 6, x == 5 != 6)
print("abc" < "abd", [1, 2] < [1, 3], (1, 2) < (1, 2, 0), "Z" < "a")
print(3 == 3.0, 1 == True, None is None, [] == [], [] is not [])
print(not x, not 0, x and "yes", 0 and "no", "" or "fallback", None or 0 or [])
label = "big" if x > 3 else "small"
print(label, "pos" if -1 > 0 else "neg" if -1 < 0 else "zero")
print(1 in [1, 2], "b" in "abc", "k" in {"k": 1}, 3 not in (1, 2))
values = [0, 1, "", "a", [], [0], None, 0.0]
print([bool(v) for v in values])


def loud(v):
    print("evaluated", v)
    return v


print(loud(0) and loud(1))
print(loud(2) or loud(3))
print(loud(1) < loud(2) < loud(0) < loud(99))
print(max(3, 7, 2), min("b", "a"), max([1, 5, 3], key=lambda v: -v))
