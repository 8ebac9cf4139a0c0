s = "  Hello, World  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr("xxhixx".strip("x")))
t = "the quick brown fox"
print(t.upper(), t.title(), t.capitalize(), "MiXeD".lower(), "MiXeD".upper())
print(t.split(), t.split(" ", 1), "a,b,,c".split(","), "a b".split(" "), "  a  b ".split())
print("-".join(["a", "b", "c"]), "".join(reversed("abc")), ", ".join(str(n) for n in range(3)))
print(t.replace("o", "0"), t.replace("o", "0", 1), t.count("o"), t.find("quick"), t.find("zzz"))
print(t.index("brown"), t.startswith("the"), t.endswith(("fox", "dog")), t.rfind("o"))
print("42".isdigit(), "4a".isdigit(), "abc".isalpha(), "abc1".isalnum(), "   ".isspace(), "Ab".isupper())
print("ab".center(6, "*"), "ab".ljust(5, "."), "ab".rjust(5), "7".zfill(3), "-7".zfill(4))
print("line1\nline2\r\nline3".splitlines(), "a=b=c".partition("="), "a=b=c".rpartition("="))
print(len("héllo"), "abc" * 2, "a" + "b", "abc"[1], "b" in "abc", ord("A"), chr(97))
print(list("abc"), sorted("cba"), "x".join("123"), "a-b-c".rsplit("-", 1))
print("Hello {}".format("there"), "tab\there", "quote's", 'double "q"')
print("%s" % "percent", str(12), str(None), str([1, "a"]))
for ch in "hi!":
    print(ch, end=" ")
print()
try:
    "abc".index("z")
except ValueError as e:
    print("ValueError:", e)
try:
    "abc"[0] = "z"
except TypeError as e:
    print("TypeError:", e)
try:
    "a" + 1
except TypeError as e:
    print("TypeError:", e)
