import asyncio

async def victim():
    try:
        print("victim sleeping")
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("victim cancelled with", e.args)
        raise
    finally:
        print("victim finally")

async def main():
    t = asyncio.create_task(victim())
    await asyncio.sleep(1)
    print("cancel ->", t.cancel("stop now"))
    print("cancelling:", t.cancelling(), "done:", t.done())
    try:
        await t
    except asyncio.CancelledError as e:
        print("main saw CancelledError", e.args)
    print("cancelled:", t.cancelled(), "cancel again ->", t.cancel())

asyncio.run(main())
