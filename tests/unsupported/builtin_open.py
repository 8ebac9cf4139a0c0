print("start")
with open("data.txt", "w") as f:
    f.write("plain open() would touch the real disk")
print("not reached in Awaitscope")
