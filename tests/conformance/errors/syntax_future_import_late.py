"""A pipeline that imports annotations from __future__ too late."""
import asyncio
from __future__ import annotations


async def main() -> None:
    await asyncio.sleep(1)


asyncio.run(main())
