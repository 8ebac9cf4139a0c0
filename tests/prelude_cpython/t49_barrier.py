import asyncio

async def party(b, name, d):
    await asyncio.sleep(d)
    print(name, "arrives", b.n_waiting)
    idx = await b.wait()
    print(name, "passes with index", idx)

async def main():
    b = asyncio.Barrier(3)
    print(b.parties, b.broken)
    await asyncio.gather(party(b, "a", 1), party(b, "b", 2), party(b, "c", 0.5))
    await asyncio.gather(party(b, "d", 0), party(b, "e", 0), party(b, "f", 0))
    t = asyncio.create_task(party(b, "g", 0))
    await asyncio.sleep(0.1)
    await b.abort()
    try:
        await t
    except asyncio.BrokenBarrierError as e:
        print("broken:", e, b.broken)

asyncio.run(main())
