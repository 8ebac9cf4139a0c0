#!/usr/bin/env python3
"""Prints sequences of CPython 3.11's random.Random for src/vm/random_mt.rs's
test (tests/random_vectors.rs), one JSON line per seed:

    python3 tools/random_vectors.py > tests/data/random_vectors.jsonl

Each line is {"seed": n, "ops": [[op, args..., result], ...]}; floats are
given by their bit pattern in hex; an error result is {"err": message}.
The ops run in order on one generator, so every result also depends on the
state the earlier ops left.
"""
import json
import random
import struct
import sys

assert sys.version_info[:2] == (3, 11), "the oracle is CPython 3.11"


def bits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


OPS = [
    ["random"], ["random"], ["random"], ["getrandbits", 0], ["getrandbits", 1],
    ["getrandbits", 5], ["getrandbits", 31], ["getrandbits", 32], ["getrandbits", 33],
    ["getrandbits", 53], ["getrandbits", 63], ["getrandbits", 64], ["randrange1", 10],
    ["randrange1", 1], ["randrange1", 0], ["randrange1", 2 ** 40], ["randrange", 3, 100, 7],
    ["randrange", 100, 0, -3], ["randrange", 10, 0, -4], ["randrange", 10, -7, -5],
    ["randrange", -3, 20, 6], ["randrange", 0, -1, -1], ["randrange", 0, 1, -1], ["randrange", -50, 50, 1], ["randrange", 5, 5, 1],
    ["randrange", 0, 10, 0], ["randrange", 10, 0, 2], ["randrange", -2 ** 63, 2 ** 63 - 1, 1],
    ["randint", 1, 6], ["randint", 1, 6], ["randint", 1, 6], ["randint", -10, 10],
    ["randint", 0, 0], ["randint", 5, 4], ["randint", 0, 2 ** 62], ["choice", 5], ["choice", 1],
    ["choice", 1000], ["shuffle", 10], ["shuffle", 1], ["shuffle", 0], ["shuffle", 52],
    ["uniform", 1.0, 5.0], ["uniform", -2.5, 2.5], ["uniform", 5.0, 1.0], ["sample", 100, 10],
    ["sample", 10, 5], ["sample", 1000, 30], ["sample", 5, 5], ["sample", 3, 4], ["sample", 50, 0],
    ["random"],
] + [["randint", 1, 100]] * 20 + [["random"]] * 10 + [["randrange1", 3]] * 10


def apply(r, op):
    name, args = op[0], op[1:]
    try:
        if name == "random":
            return bits(r.random())
        if name == "getrandbits":
            return r.getrandbits(*args)
        if name == "randrange1":
            return r.randrange(*args)
        if name == "randrange":
            return r.randrange(*args)
        if name == "randint":
            return r.randint(*args)
        if name == "choice":
            return r.choice(range(args[0]))
        if name == "shuffle":
            x = list(range(args[0]))
            r.shuffle(x)
            return x
        if name == "uniform":
            return bits(r.uniform(*args))
        if name == "sample":
            return r.sample(range(args[0]), args[1])
    except (ValueError, IndexError) as e:
        return {"err": str(e)}
    raise AssertionError(name)


for seed in [1.5, -1.5, 2.0, 0.1, -0.0, 1e300, 5e-324, float("inf"), float("-inf"), -2.0 ** 70, 123456.789]:
    r = random.Random(seed)
    print(json.dumps({"seed": {"$f": bits(seed)}, "hash": hash(seed), "ops": [op + [apply(r, op)] for op in OPS[:12]]}))

for seed in [0, 1, 42, 12345, -7, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 5, 2 ** 63 - 1, -2 ** 63, 1 << 40]:
    r = random.Random(seed)
    print(json.dumps({"seed": seed, "ops": [op + [apply(r, op)] for op in OPS]}))
