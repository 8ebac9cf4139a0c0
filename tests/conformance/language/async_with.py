import asyncio


class Connection:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        print("connecting", self.name)
        await asyncio.sleep(0.5)
        print("connected", self.name)
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.25)
        print("closed", self.name, "error:", exc)
        return False

    async def query(self, q):
        await asyncio.sleep(1)
        return f"{self.name} answered {q}"


async def use(name):
    async with Connection(name) as conn:
        print(await conn.query("ping"))


async def main():
    await asyncio.gather(use("db1"), use("db2"))
    try:
        async with Connection("db3"):
            raise RuntimeError("oops")
    except RuntimeError as e:
        print("propagated", e)


asyncio.run(main())
