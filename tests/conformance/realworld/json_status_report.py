"""Collect results and dump them as JSON (default=str, separators, sort_keys)."""
import asyncio
import json
import time


class Status:
    def __init__(self, code):
        self.code = code

    def __str__(self):
        return f"HTTP {self.code}"


async def check(name, delay, code):
    await asyncio.sleep(delay)
    return {"name": name, "status": Status(code), "latency_ms": round(delay * 1000), "ok": code < 400, "tags": None}


async def main():
    results = await asyncio.gather(check("api", 0.12, 200), check("db", 0.05, 503), check("cdn", 0.3, 200))
    print(json.dumps(results, default=str, indent=2, sort_keys=True))
    print(json.dumps({"count": len(results), "names": [r["name"] for r in results]}, separators=(",", ":")))
    summary = {r["name"]: r["latency_ms"] for r in results}
    text = json.dumps(summary)
    print(text, json.loads(text) == summary)
    try:
        json.dumps(results[0])
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
