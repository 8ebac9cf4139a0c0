print("{} and {}".format("spam", "eggs"))
print("{1} then {0} then {1}".format("a", "b"))
print("{name} is {age} years".format(name="Ann", age=30))
print("{0[0]} {0[1]} {p[k]}".format(["x", "y"], p={"k": "v"}))
print("{:>6}|{:<6}|{:^6}|{:.3f}|{:05d}".format("r", "l", "c", 2.0, 42))
print("{!r} {!s}".format("q", "q"))
print("{{literal}} {}".format(1))
print("%s is %d years, %.2f m tall" % ("Bob", 25, 1.8))
print("%5s|%-5s|%05d|%x|%o|%e|%%" % ("a", "b", 42, 255, 8, 12345.678))
print("%r %s" % ("quoted", "plain"))
print("%(name)s=%(value)03d" % {"name": "k", "value": 7})
print("%d%%" % 50, "single %s" % "value", "%s" % ((1, 2),))
print("%.1f %.0f %.3g %g" % (0.05, 2.5, 1234.5, 0.0001))
print("%c%c" % (72, "i"), "%i" % 3.9)
try:
    print("%d" % "x")
except TypeError as e:
    print("TypeError:", e)
try:
    print("%s %s" % ("only one",))
except TypeError as e:
    print("TypeError:", e)
