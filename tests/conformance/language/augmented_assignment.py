n = 10
n += 5
n -= 3
n *= 2
print(n)
n //= 5
print(n)
n **= 3
print(n)
n %= 7
print(n)
f = 7
f /= 2
print(f)
bits = 0b1010
bits |= 0b0101
bits &= 0b1100
bits ^= 0b0001
bits <<= 2
bits >>= 1
print(bits)
s = "ab"
s += "cd"
s *= 2
print(s)
lst = [1]
alias = lst
lst += [2, 3]
print(lst, alias, lst is alias)
tup = (1,)
tup_alias = tup
tup += (2,)
print(tup, tup_alias)
d = {"k": 1}
d["k"] += 10
print(d)


class C:
    count = 0


c = C()
c.count += 1
print(c.count, C.count)
