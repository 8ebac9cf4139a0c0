d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.get("a"), d.get("z"), d.get("z", 0), "a" in d, "z" not in d, len(d))
print(d.setdefault("a", 100), d.setdefault("e", 5), d)
print(d.pop("e"), d.pop("missing", "none"), d)
del d["a"]
d["a"] = "back"
print(d)
d.update({"x": 1}, y=2)
print(d)
print(d.popitem(), d)
counts = {}
for word in "the cat and the hat and the bat".split():
    counts[word] = counts.get(word, 0) + 1
print(counts)
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
print(dict(a=1, b=2), dict([("k", "v")]), dict(zip("ab", [1, 2])))
merged = {"a": 1} | {"b": 2, "a": 3}
print(merged, {1: "int", 1.0: "float", True: "bool"})
for k, v in {"one": 1, "two": 2}.items():
    print(k, "->", v)
nested = {"outer": {"inner": [1, 2]}}
print(nested["outer"]["inner"][1], {(1, 2): "tuple key"}[(1, 2)])
copy = d.copy()
copy.clear()
print(len(d), copy)
try:
    d["nope"]
except KeyError as e:
    print("KeyError:", e, repr(e))
try:
    {[1]: 2}
except TypeError as e:
    print("TypeError:", e)
