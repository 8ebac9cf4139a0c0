#!/usr/bin/env python3
"""Print how CPython 3.11 rejects each snippet of tests/data/syntax_errors.txt.

Snippets are separated by lines reading `# ----` (a snippet ends with one newline,
unless its last line is `# no newline`: then that line and the newline before
it are removed). For each one this prints `Kind: message line col`, with CPython's
1-based SyntaxError offset as the column. tests/parse_errors.rs compares our
parser's errors with tests/data/syntax_errors.expected, made by:

    python3 tools/syntax_errors.py > tests/data/syntax_errors.expected
"""
import sys
from pathlib import Path

assert sys.version_info[:2] == (3, 11), "record with CPython 3.11"

def snippets(text):
    out = []
    for s in text.split("# ----\n"):
        if not s.strip():
            continue
        s = s.strip("\n") + "\n"
        if s.endswith("\n# no newline\n"):
            s = s[: -len("\n# no newline\n")]
        out.append(s)
    return out

def main():
    root = Path(__file__).resolve().parent.parent
    for src in snippets((root / "tests/data/syntax_errors.txt").read_text()):
        try:
            compile(src, "main.py", "exec")
            print("OK")
        except SyntaxError as e:
            print("%s: %s %s %s" % (type(e).__name__, e.msg, e.lineno, e.offset))

if __name__ == "__main__":
    main()
