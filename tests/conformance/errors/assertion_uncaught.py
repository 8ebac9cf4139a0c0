balance = 10
assert balance > 0, "balance must be positive"
balance -= 20
print("balance", balance)
assert balance > 0, f"balance must be positive, got {balance}"
