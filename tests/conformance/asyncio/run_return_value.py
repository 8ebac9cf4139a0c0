import asyncio


async def compute(x):
    value = await asyncio.sleep(0.5, result=x * 2)
    return value + 1


async def main():
    print("main starts")
    result = await compute(20)
    print("compute gave", result)
    return "main result"


print("before run")
print(asyncio.run(main()))
print("after run")
