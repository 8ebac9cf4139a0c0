from __future__ import annotations, braces_please
import asyncio

asyncio.run(asyncio.sleep(1))
