"""LEB128, as wasm writes its integers: shared by tools/wasm_size.py and
tools/shrink_wasm_bindgen_output.py."""


def leb(b, i):
    """The unsigned LEB128 number at b[i:], and the index just after it."""
    result = shift = 0
    while True:
        x = b[i]
        i += 1
        result |= (x & 0x7F) << shift
        shift += 7
        if x < 0x80:
            return result, i


def uleb(n):
    """`n` as unsigned LEB128 bytes."""
    out = bytearray()
    while True:
        x, n = n & 0x7F, n >> 7
        out.append(x | 0x80 if n else x)
        if not n:
            return bytes(out)
