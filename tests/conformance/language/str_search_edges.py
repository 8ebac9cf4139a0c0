# str search and split at the edges: start beyond the end, empty needles,
# overlapping separators from the right.
s = "abcabc"
for start in (0, 3, 6, 7, 10, -1, -10):
    print(start, s.find("", start), s.rfind("", start), s.count("", start),
          s.find("c", start), s.rfind("c", start), s.count("c", start),
          s.startswith("", start), s.endswith("", start), s.startswith("a", start))
print("".find("", 1), "".rfind("", 1), "".count("", 1), "".startswith("", 1))
print(s.find("b", 2, 1), s.rfind("", 4, 2), s.count("", 4, 2), s.endswith("c", 5, 3))
try:
    s.index("", 7)
except ValueError as e:
    print("ValueError", e)
for text, sep in (("aaa", "aa"), ("aaaa", "aa"), ("a,b,,c", ","), ("xyx", "x"), ("ababa", "aba")):
    print(repr(text), repr(sep), text.split(sep), text.rsplit(sep), text.rsplit(sep, 1),
          text.split(sep, 1))
