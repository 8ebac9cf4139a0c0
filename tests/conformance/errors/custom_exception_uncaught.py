class PaymentError(Exception):
    pass


def pay(amount):
    if amount > 100:
        raise PaymentError(f"amount {amount} exceeds the limit")
    return "paid"


print(pay(50))
print(pay(500))
