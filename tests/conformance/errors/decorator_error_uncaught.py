import asyncio


def route(path):
    if not path.startswith("/"):
        raise ValueError(f"route {path!r} must start with '/'")

    def register(handler):
        return handler

    return register


@route("/health")
async def health():
    return "ok"


@route("users")
async def users():
    return []


asyncio.run(health())
