n = 1
for i in range(70):
    n *= 2
    if i % 10 == 0:
        print(i, n)
print("CPython gets here; Awaitscope stops at 2**63")
