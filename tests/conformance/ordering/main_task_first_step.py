import asyncio

print("module level", end=" ")
print("continues the same line")


async def child(i):
    print("child", i)


async def main():
    print("main first step")
    for i in range(3):
        asyncio.create_task(child(i))
    print("main created children")
    await asyncio.sleep(0)
    print("main second step")


asyncio.run(main())
print("", end="")
print()
print("partial line without newline", end="")
