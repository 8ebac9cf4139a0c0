import asyncio
from contextlib import asynccontextmanager


@asynccontextmanager
async def guarded():
    try:
        yield
    except ValueError as e:
        raise RuntimeError("wrapped") from e


async def main():
    async with guarded():
        await asyncio.sleep(1)
        raise ValueError("inner")


asyncio.run(main())
