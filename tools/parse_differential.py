#!/usr/bin/env python3
"""Differential test cases for the parser: random edits of the corpus snippets,
each with CPython 3.11's verdict (`OK <ast dump>` or `Kind: msg line col`).

    python3 tools/parse_differential.py SEED COUNT > /tmp/cases.json
    AWAITSCOPE_DIFF_CASES=/tmp/cases.json \\
        cargo test --test parse_differential -- --ignored --nocapture

The test fails if we accept a program CPython rejects (or the reverse), or
build a different tree; differing error messages are only counted.
"""
import ast
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ast_corpus import dump, snippets  # noqa: E402

EDITS = int(__import__("os").environ.get("EDITS", "2"))
PIECES = ["def ", "async ", "await ", "(", ")", "[", "]", "{", "}", ":", "\n",
          "    ", "x", "1", "'s'", "f'{x}'", ",", "=", "==", ":=", "*", "**",
          "if ", "else ", "for ", " in ", "not ", "yield ", "return ",
          "lambda ", ".", "-", "@", ";", " ", "\\\n", "#", "'", "\"", "pass",
          "as ", "import ", "from ", "class ", "try:", "except", "with ",
          "del ", "global ", "0x", "1.5", "1e3", "_"]

def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    root = Path(__file__).resolve().parent.parent
    seeds = snippets((root / "tests/data/parse_corpus.txt").read_text())
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        s = list(rng.choice(seeds))
        for _ in range(rng.randint(1, EDITS)):
            i = rng.randint(0, len(s))
            op = rng.randint(0, 2)
            if op == 0 and i < len(s):
                del s[i]
            elif op == 1:
                s[i:i] = list(rng.choice(PIECES))
            else:
                del s[i:min(len(s), i + rng.randint(1, 5))]
        src = "".join(s)
        try:
            compile(src, "main.py", "exec")
            verdict = "OK " + dump(ast.parse(src), src.splitlines())
        except SyntaxError as e:
            verdict = "%s: %s %s %s" % (type(e).__name__, e.msg, e.lineno, e.offset)
        except Exception:  # e.g. ValueError for NUL bytes
            continue
        out.append({"src": src, "want": verdict})
    json.dump(out, sys.stdout)

if __name__ == "__main__":
    main()
