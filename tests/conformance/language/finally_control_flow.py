def return_in_finally():
    try:
        raise ValueError("lost")
    finally:
        return "finally wins"


def finally_after_return():
    log = []
    try:
        log.append("try")
        return log
    finally:
        log.append("finally")


def loop_with_finally():
    out = []
    for i in range(4):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append(f"f{i}")
    return out


def nested_finally():
    try:
        try:
            return "inner"
        finally:
            print("inner finally")
    finally:
        print("outer finally")


print(return_in_finally())
print(finally_after_return())
print(loop_with_finally())
print(nested_finally())
count = 0
while True:
    try:
        count += 1
        if count == 3:
            break
    finally:
        print("iteration", count)
print("count", count)
