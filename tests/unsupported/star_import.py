from asyncio import *


async def main():
    await sleep(1)
    print("done")


run(main())
