name = "Ada"
pi = 3.14159265
n = 42
items = ["x", "y"]
print(f"{name} {name!r} {name!s} {items!r}")
print(f"{pi:.2f} {pi:.0f} {pi:10.3f}| {pi:<10.1f}| {pi:e} {pi:.3e}")
print(f"[{n:>5}] [{n:<5}] [{n:^5}] [{n:05}] [{n:+d}] [{-n:d}]")
print(f"[{name:>6}] [{name:<6}] [{name:^7}] [{name:*^9}] [{name:.2}]")
print(f"{1234567:,} {1234567.891:,.2f} {0.256:.1%} {255:x} {255:X} {255:#x} {5:b} {8:o}")
width = 8
precision = 2
print(f"[{pi:{width}.{precision}f}]")
print(f"{n=} {pi=:.1f} {name = }")
print(f"{'nested quotes'} {n * 2} {len(items)} {items[0]} {{braces}}")
print(f"{3.0} {1e20} {1/3} {2.5:g} {1e-7:g} {123456789.0:g}")
print(f"{True} {None} {[1, 'a']} {(1,)} {{'k': 1}}")
t = 12.5
print(f"{t:.1f}s elapsed, {t:>8.3f}|{t:08.2f}|{-t:.1f}")
print(f"{'left':<10}|{'right':>10}|")
print(f"{n:,d} {12345678:_} {n:c}")
