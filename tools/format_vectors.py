#!/usr/bin/env python3
"""Prints the expected results of CPython 3.11's text formatting as JSON lines,
one case per line, for src/vm/format's tests (tests/format_vectors.rs):

    python3 tools/format_vectors.py > tests/data/format_vectors.jsonl

Each line is [kind, input..., status, expected] with status "ok" or the
exception's type name (expected = its message); floats are given by their bit pattern in
hex so every value is exact. Deterministic (fixed seed).
"""
import json
import random
import struct
import sys
import unicodedata

assert sys.version_info[:2] == (3, 11), "the oracle is CPython 3.11"

out = []


def bits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def run(f):
    try:
        return ["ok", f()]
    except Exception as e:  # the status is the exception's type name
        return [type(e).__name__, str(e)]


def emit(*row):
    out.append(list(row))


# --- float repr, tricky values and random bit patterns ---------------------
TRICKY = [0.0, -0.0, 0.1, 0.125, 0.375, 2.675, 1.5, 2.5, 0.5, 1e16, 1e15,
          9999999999999998.0, 1e22, 1e23, 5e-324, 2.2250738585072014e-308,
          1.7976931348623157e308, 123.456, -123.456, 1e-5, 0.0001, 0.00012345,
          1234567.891, float("inf"), float("-inf"), float("nan"), 100.0, 0.001,
          9.995, 0.05, 1 / 3, 2 / 3, 12345678901234567890.0, 3.0, 1e100, 1.1e-10,
          0.5e-4, 99.99, 999.5, 0.9999, -1.5, 0.045, 1.0005, 123456789.0,
          1e-7, 4.35, 0.3, 2.0 ** 53, 2.0 ** 53 + 2.0, -2.5e-300, 7e22, 1e21]
rng = random.Random(20260522)
randoms = []
for _ in range(10000):
    b = rng.getrandbits(64)
    if rng.random() < 0.5:  # keep exponents near 1 half of the time
        b = (b & 0x800FFFFFFFFFFFFF) | ((1023 + rng.randint(-40, 40)) << 52)
    randoms.append(struct.unpack("<d", struct.pack("<Q", b))[0])
for _ in range(2000):  # short decimals: many ties and near-ties
    randoms.append(round(rng.uniform(-1000, 1000), rng.randint(0, 4)))

for x in TRICKY + randoms:
    emit("repr", bits(x), "ok", repr(x))

FLOAT_SPECS = ["", "f", ".0f", ".1f", ".2f", ".3f", ".10f", ".20f", "e", ".0e",
               ".3e", ".16e", "E", "g", ".0g", ".1g", ".3g", ".10g", ".17g", "G",
               "#g", "#.3g", "#.0f", "#.0e", "#", ".3", ".1", ".17", ".0", "n",
               ".3n", "%", ".2%", ".0%", ",", ",.2f", "_.3f", ",g", "010.3f", "+",
               " ", "+.2e", ">10.3f", "<10", "^12.4", "=+12.2f", "*<12g", "z.1f",
               "z", "z.0f", "-", "0", "020", "020,.2f", "F", ".2F", "d", "x", "c",
               "s", ",e", "_g", "#x", ",n", "10.4n", "0<10", "08.3e", "12.30e",
               ".60f", ".350f", "#.20g", "#.0", "+z08.2f", ".", "5..2f", "abc",
               ",_f", "_,f", "\x80", "99999999999999999999f", ".25g", ".500g", "#.25g",
               ".30e", ",.30f", "_.5e", "0=20.5e", "^+20,.2f", "\u00e9^12.3", "0^12", "%^12.1%"]
for x in TRICKY:
    for spec in FLOAT_SPECS:
        emit("float", bits(x), spec, *run(lambda: format(x, spec)))
RANDOM_SPECS = ["", ".2f", ".3e", ".5g", ".12g", "g", "e", ".0f", "%", "#.3g", ".17", ",.1f"]
for x in randoms[:: 2]:
    spec = rng.choice(RANDOM_SPECS)
    emit("float", bits(x), spec, *run(lambda: format(x, spec)))
emit("float", bits(5e-324), ".1100f", *run(lambda: format(5e-324, ".1100f")))
emit("float", bits(1e300), ".2f", *run(lambda: format(1e300, ".2f")))
emit("float", bits(0.1), ".5000f", *run(lambda: format(0.1, ".5000f")))
emit("float", bits(0.1), ".1000e", *run(lambda: format(0.1, ".1000e")))

# --- int ----------------------------------------------------------------------
INTS = [0, 1, -1, 7, -7, 42, 255, -255, 1234, 1234567, -1234567, 2 ** 31,
        2 ** 53 + 1, 2 ** 63 - 1, -2 ** 63, 65, 0x1F600, 0x110000, -5, 10 ** 15]
INT_SPECS = ["", "d", "5", "<5", ">5", "^5", "=5", "*^9", "+", "-", " ", "+5",
             "05", "010,", "08,", "09,", ",", "_", "b", "#b", "o", "#o", "x", "#x",
             "X", "#X", "_b", "_x", "#_x", "012_b", "c", ">3c", "n", "e", ".2e",
             "f", ".3f", "g", "%", ".1%", "E", "G", ",.2f", ".2", "z", "+c", "#c",
             ",c", ",n", "_n", "_s", "s", "q", "5.5", "abc", ",_", "_,", ".",
             "0=+8", "x=#12_X", "^#10b", "\x80", "99999999999999999999", "{",
             "<05", "^05", "x<05", "=05", "#010x", "-#o", " #x", "020_d", "020,d",
             "z5d", "0", "00", "010", ",d", "_d", "#_b", ",b", " c", ".0", "%d"]
for n in INTS:
    for spec in INT_SPECS:
        emit("int", n, spec, *run(lambda: format(n, spec)))

# --- str ----------------------------------------------------------------------
STRS = ["", "a", "abc", "hello world", "\u00e9", "\u65e5\u672c\u8a9e", "\U0001F600x"]
STR_SPECS = ["", "s", "5", "<5", ">5", "^5", "^6", "*^7", ".2", "10.3", "05", "+",
             " ", "-", "#", "=5", "z", "d", ",", "_", "x<5", ".0", ">>5",
             "\u00e9^9", "<", "0^9", "x", ".s", "99999999999999999999", "10.2s"]
for s in STRS:
    for spec in STR_SPECS:
        emit("str", s, spec, *run(lambda: format(s, spec)))

# --- str.format templates (rendered by the test with these arguments) -----
ARGS = [3.14159, 42, "abc", -7, 1e20]
KWARGS = {"x": 2.5, "name": "Bob", "w": 10, "p": 3, "lst": [10, 20, 30],
          "d": {"k": "v", "0": "zero"}, "s": "it's", "f": "f"}
TEMPLATES = [
    "", "plain", "{}", "{} {} {}", "{0} {1} {0}", "{2}{1}{0}", "{name}",
    "{x:.1f}", "{x!r}", "{name!r:>8}", "{2!a}", "{2!s:^9}", "{{}}", "{{{}}}",
    "a {{ b }} c", "{:{}}", "{:{}.{}}", "{0:{w}.{p}f}", "{x:{f}}", "{:>{w}}",
    "{lst[0]}", "{lst[2]}", "{d[k]}", "{d[0]}", "{1.real}", "{.real}",
    "{0.imag}", "{}{1}", "{1}{}", "{", "}", "a}b", "{0", "{0!}", "{0!x}",
    "{0!r", "{0!rr}", "{0:", "{0:{}", "{x{}", "{0[}", "{0[0}", "{lst[0]x}",
    "{lst.}", "{lst[]}", "{:{:{}}}", "{:{{}}}", "{name:{{}}}", "{!r}",
    "{:}", "{:d}", "{0:d}", "{1:,}", "{1:#x}", "{3:+05}", "{4}", "{4:,.0f}",
    "{s!r}", "{x:%}", "{name:*^11}", "{0:.3}", "{0:10.3e}", "{1:c}",
    "{99999999999999999999999}", "{name!}", "{name!r}", "{  }", "{-1}",
    "{x:}}", "{x:{{}", "{0:{1}}", "{:.{}f}", "{:.{1}}", "{lst[1]:>5}",
    "{d[k]!r}", "{0!a:}", "{]}", "{[}", "{x.}", "{x..real}", "{lst[0]]}",
    "{lst[0].real}", "{lst[0]xy}", "\u00e9{}\u00e9", "{0}}", "{{}",
]
for t in TEMPLATES:
    emit("template", t, *run(lambda: t.format(*ARGS, **KWARGS)))

# --- % formatting -------------------------------------------------------
PERCENT = [
    ("%s", ["abc"]), ("%r", ["abc"]), ("%a", ["\u00e9"]), ("%5s|", ["ab"]),
    ("%-5s|", ["ab"]), ("%.2s", ["abcdef"]), ("%5.1s|", ["abc"]), ("%05s", ["ab"]),
    ("%d", [42]), ("%i", [-42]), ("%u", [7]), ("%5d", [42]), ("%-5d|", [42]),
    ("%05d", [-42]), ("%+d", [42]), ("% d", [42]), ("% d", [-42]), ("%+05d", [42]),
    ("%.3d", [7]), ("%8.3d", [-7]), ("%-08.3d|", [7]), ("%x", [255]), ("%X", [255]),
    ("%#x", [255]), ("%#X", [-255]), ("%#010x", [255]), ("%#10x", [255]),
    ("%-#10x|", [255]), ("%o", [8]), ("%#o", [8]), ("%#010o", [8]), ("%#.5x", [255]),
    ("%+#x", [255]), ("% #x", [255]), ("%#8.4x", [-255]), ("%c", [65]), ("%c", ["z"]),
    ("%3c|", [65]), ("%-3c|", ["z"]), ("%f", [3.14159]), ("%.2f", [2.675]),
    ("%10.3f|", [3.14159]), ("%-10.3f|", [3.14159]), ("%010.3f", [-3.14159]),
    ("%+.1f", [2.0]), ("% .1f", [2.0]), ("%e", [12345.678]), ("%E", [0.000123]),
    ("%.0e", [5.0]), ("%#.0e", [5.0]), ("%#.0f", [5.0]), ("%g", [0.0001]),
    ("%g", [1e-5]), ("%G", [1e20]), ("%#g", [1.0]), ("%.3g", [1234.5]), ("%g", [100.0]),
    ("%f", [float("inf")]), ("%05f", [float("-inf")]), ("%+f", [float("nan")]),
    ("%d", [3.99]), ("%d", [-3.99]), ("%x", [255.5]), ("%f", [3]), ("%e", [-3]),
    ("%s %s", [1, 2.5]), ("%r", [1.0]), ("%s", [1e16]), ("%%", []), ("100%%", []),
    ("%d%%", [50]), ("%(a)s-%(b)d", {"a": "x", "b": 5}), ("%(a)r", {"a": "x"}),
    ("%(a)5.1f|", {"a": 2.25}), ("%((a))s", {"(a)": 1}), ("%*d", [5, 42]),
    ("%-*d|", [5, 42]), ("%*d|", [-5, 42]), ("%.*f", [2, 3.14159]), ("%*.*f|", [8, 1, 3.14159]),
    ("%.*f", [-3, 3.14159]), ("%*s|", [4, "ab"]), ("%ld", [5]), ("%hd", [5]), ("%Lf", [5.5]),
    ("%", []), ("abc%", []), ("%5", [1]), ("%.", [1]), ("%(a", {"a": 1}), ("%z", [1]),
    ("%5%", {"a": 1}), ("%\u00e9", [1]), ("%-", [1]), ("% ", [1]), ("%y %d", [1, 2]),
    ("%(a)s %(a)s", {"a": "\u00e9"}), ("%.1e", [9.96]), ("%.15g", [0.1]), ("%.20f", [0.1]),
    ("%0-5d|", [3]), ("%-05d|", [3]), ("%#5o", [-8]), ("%#x", [0]), ("%.0d", [0]),
    ("%s", ["\u65e5\u672c"]), ("%5s|", ["\u65e5\u672c"]), ("%r", ["it's"]), ("%a", ["\U0001F600"]),
    ("%c", [0x1F600]), ("%c", [0x110000]), ("%d", ["x"]), ("%f", ["x"]), ("%s %s", [1]),
    ("%s", [1, 2]), ("%*d", ["a", 1]), ("%.*f", [1.5, 1.0]), ("%(a)s", [1]), ("%c", ["ab"]),
    ("%c", [1.5]), ("%x", ["x"]), ("%(a)s %s", {"a": 1}), ("%.3x", [-1]), ("%+.3o", [9]), ("% 5.1f|", [-0.0]),
]
for t, a in PERCENT:
    args = a if isinstance(a, dict) else tuple(a)
    def enc(v):  # floats by bit pattern (JSON has no inf/nan)
        return {"$f": bits(v)} if isinstance(v, float) else v
    encoded = {k: enc(v) for k, v in a.items()} if isinstance(a, dict) else [enc(v) for v in a]
    emit("percent", t, encoded, *run(lambda: t % args))

# --- int(), float() on str ---------------------------------------------------
INT_TEXTS = ["0", "42", "  42 ", "-42", "+42", "- 42", "1_000", "1__000", "_1", "1_",
             "0x1f", "-0x1f", "0X1F", "0o17", "0b101", "0b_101", "0_7", "007", "00", "0_0",
             "", " ", "abc", "12abc", "1.5", "9223372036854775807", "-9223372036854775808",
             "9223372036854775808", "-9223372036854775809", "99999999999999999999999",
             "0x7fffffffffffffff", "0x8000000000000000", "\u00a042\u3000", "\t\n42\x0c",
             "\x1c42", "4 2", "0x", "0b2", "z", "Z", "zz", "-zz", "1e5", "\u0663", "x" * 300,
             "0x_1f", "0x__1f", "0_x1f", "+-1", "--1", "1\x00", "ff", "FF", "0o8", "10",
             "\u00e9", "'", "0b1_0_1", "1" * 30]
for s in INT_TEXTS:
    for base in [10, 0, 16, 2, 8, 36, 3, 1, 37, -1]:
        r = run(lambda: int(s, base))
        if r[0] == "ok":
            if not -2 ** 63 <= r[1] < 2 ** 63:
                r = ["OverflowError", "int too large"]
            else:
                r[1] = str(r[1])
        elif r[1].startswith("int() base must be"):
            pass
        emit("parse_int", s, base, *r)
FLOAT_TEXTS = ["0", "1.5", " 1e3 ", "-1e-3", "+.5", "5.", ".", "e5", "1e", "1e+", "1e+5",
               "inf", "-Infinity", "+INF", "nan", "-nan", "NaN", "infinity", "infinit", "in",
               "1_000.5", "1__0", "_1", "1_", "1_e5", "1e_5", "1e5_0", "1.5_5", "1._5",
               "0x10", "", " ", "abc", "1,5", "1e500", "-1e500", "1e-400", "\u00a01.5\u2003",
               "0.1", "123456789012345678901234567890", "1.7976931348623157e308",
               "2.2250738585072011e-308", "4.9e-324", "2.4e-324", "1 2", "--1", "+-1",
               "1.5\x00", "\u0663.5", "x" * 300, "00012", "1.e5", ".e5", "1.5e+0_1",
               "9007199254740993", "0.30000000000000004"]
for s in FLOAT_TEXTS:
    r = run(lambda: float(s))
    if r[0] == "ok":
        r[1] = bits(r[1])
    emit("parse_float", s, *r)

# --- round(x, n) -------------------------------------------------------------
for x in TRICKY + randoms[:400]:
    for n in [0, 1, 2, 3, -1, -2, 5, 10, 17, 300, 400, -300, -400, -20]:
        r = run(lambda: round(x, n))
        if r[0] == "ok":
            r[1] = bits(r[1])
        emit("round", bits(x), n, *r)
for x in TRICKY + randoms[:500] + [0.5, 1.5, 2.5, -0.5, -2.5, 4503599627370497.0]:
    if x == x and abs(x) != float("inf"):
        emit("round0", bits(x), "ok", bits(float(round(x))))

# --- random specs, templates and number texts (differential fuzzing) ---------
SPEC_ALPHABET = list("<>=^+- z#0123456789,_.%bcdeEfFgGnosxX") + ["*", "\u00e9", "0", "1", "."]


def random_text(alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, n)))


for _ in range(3000):
    spec = random_text(SPEC_ALPHABET, 7)
    x = rng.choice(TRICKY)
    n = rng.choice(INTS)
    s = rng.choice(STRS)
    emit("float", bits(x), spec, *run(lambda: format(x, spec)))
    emit("int", n, spec, *run(lambda: format(n, spec)))
    emit("str", s, spec, *run(lambda: format(s, spec)))
TEMPLATE_ALPHABET = list("{}{}{}[]!:.0123xrsa>^<") + ["lst", "name", "w", "d", "k", "real"]
for _ in range(1500):
    t = random_text(TEMPLATE_ALPHABET, 10)
    emit("template", t, *run(lambda: t.format(*ARGS, **KWARGS)))
PERCENT_ALPHABET = list("%%%%-+ #0123456789.*sdxXofeEgGcrai(a)") + ["%s", "%d", "%(a)"]
for _ in range(1500):
    t = random_text(PERCENT_ALPHABET, 8)
    a = rng.choice([[42, 3, 7, 2.5, "ab"], [2.5, 5, 1], [-7], {"a": 1.25}, ["x", "y"], [0x41, 1.5e10, -3]])
    args = a if isinstance(a, dict) else tuple(a)
    encoded = {k: {"$f": bits(v)} if isinstance(v, float) else v for k, v in a.items()} if isinstance(a, dict) else [{"$f": bits(v)} if isinstance(v, float) else v for v in a]
    emit("percent", t, encoded, *run(lambda: t % args))
NUMBER_ALPHABET = list("0123456789_+-.eExXoObBjJ  iInNfFaty") + ["\u00a0", "\u0663", "inf", "nan", "0x", "1_0"]
for _ in range(3000):
    t = random_text(NUMBER_ALPHABET, 8)
    base = rng.choice([10, 0, 16, 2, 8, 36])
    r = run(lambda: int(t, base))
    if r[0] == "ok":
        r = ["OverflowError", "int too large"] if not -2 ** 63 <= r[1] < 2 ** 63 else ["ok", str(r[1])]
    emit("parse_int", t, base, *r)
    r = run(lambda: float(t))
    if r[0] == "ok":
        r[1] = bits(r[1])
    emit("parse_float", t, *r)

# --- repr of str ---------------------------------------------------------------
REPRS = ["", "a", "it's", 'say "hi"', "both ' and \"", "tab\there", "nl\n", "cr\r",
         "back\\slash", "\x00\x01\x1f\x7f\x80\x9f\xa0\xad\xff", "\u00e9\u65e5\U0001F600",
         "\u2028\u2029\u200b\ufeff\ue000\U000F0000", "\U0010FFFF", "\U000E0001", "\U000E0100"]


def usable(c):
    cat = unicodedata.category(chr(c))
    return cat not in ("Cs", "Cn")


for start in range(0, 0x3100, 16):
    REPRS.append("".join(chr(c) for c in range(start, start + 16) if usable(c)))
for _ in range(400):
    chars = []
    while len(chars) < 8:
        c = rng.randrange(0x110000)
        if usable(c):
            chars.append(chr(c))
    REPRS.append("".join(chars))
for s in REPRS:
    emit("str_repr", s, "ok", repr(s))
    emit("str_ascii", s, "ok", ascii(s))

for row in out:
    print(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
