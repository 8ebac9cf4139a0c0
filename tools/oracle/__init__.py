"""Pieces of the CPython 3.11 oracle (see tools/cpython_oracle.py)."""
