#!/usr/bin/env python3
"""Record CPython's AST for every snippet of tests/data/parse_corpus.txt.

Snippets are separated by lines reading `# ----`. For each one this prints the
tree in `ast.dump` format, with `@line:col-endline:endcol` (1-based character
columns) after every node that has a position, except the parts of an f-string
(CPython 3.11 gives those the whole string's position). The Rust test
tests/parse_corpus.rs compares our parser's dump with this file.

Usage: python3 tools/ast_corpus.py > tests/data/parse_corpus.expected
(must be run with CPython 3.11).
"""
import ast
import sys
from pathlib import Path

assert sys.version_info[:2] == (3, 11), "record with CPython 3.11"

def dump(node, lines, in_fs=False):
    if isinstance(node, ast.AST):
        cls = type(node)
        head = cls.__name__
        if getattr(node, "lineno", None) is not None and not in_fs:
            def col(line, off):
                return len(lines[line - 1].encode()[:off].decode()) + 1
            head += "@%d:%d-%d:%d" % (
                node.lineno, col(node.lineno, node.col_offset),
                node.end_lineno, col(node.end_lineno, node.end_col_offset))
        args = []
        for name in node._fields:
            value = getattr(node, name, None)
            if value is None and getattr(cls, name, ...) is None:
                continue
            child_fs = isinstance(node, ast.JoinedStr) or (
                isinstance(node, ast.FormattedValue) and name == "format_spec")
            args.append("%s=%s" % (name, dump(value, lines, child_fs)))
        return "%s(%s)" % (head, ", ".join(args))
    if isinstance(node, list):
        return "[%s]" % ", ".join(dump(x, lines, in_fs) for x in node)
    return repr(node)

def snippets(text):
    return [s.strip("\n") + "\n" for s in text.split("# ----\n") if s.strip()]

def main():
    root = Path(__file__).resolve().parent.parent
    text = (root / "tests/data/parse_corpus.txt").read_text()
    for src in snippets(text):
        tree = ast.parse(src)
        print(dump(tree, src.splitlines()))

if __name__ == "__main__":
    main()
