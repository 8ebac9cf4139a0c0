import asyncio


async def main():
    command = "go"
    match command:
        case "go":
            print("going")
        case _:
            print("unknown")


asyncio.run(main())
