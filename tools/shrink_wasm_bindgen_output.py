#!/usr/bin/env python3
"""Smaller wasm-bindgen output for the app (a trunk post_build hook, after wasm-opt).

    tools/shrink_wasm_bindgen_output.py [STAGING_DIR]   (default: $TRUNK_STAGING_DIR)

1. Short names. wasm-bindgen names every imported JS shim `__wbg_<method>_<16 hex
   digits>` and every exported closure trampoline
   `wasm_bindgen__convert__closures_____invoke__h<16 hex>`. Each name is spelled once
   in the wasm (import or export section) and once or more in `awaitscope-web.js`;
   ~200 of them, and the hex digits do not compress: 6 KB of the gzipped transfer.
   They become `$0`, `$1`, … in both files (whole identifiers only). Names the page's
   own code uses (exports like `mount_example`, `__wbindgen_start`, `memory`) stay.
2. No comments or indentation in the JS glue (trunk's minifier cannot parse
   wasm-bindgen's `export { … as default }` and leaves it as written): doc comments,
   whole-line `//` comments, leading whitespace and blank lines go (1.6 KB gzipped).
   Only done when no template literal spans lines.

Then the `integrity=` hashes trunk put in `index.html` are updated. Should the files
not look as expected (a new wasm-bindgen writes names differently), nothing is changed
and a warning says why: the app still works, only a little bigger.
"""

import base64
import hashlib
import os
import re
import sys

from wasm_leb import leb, uleb

WASM = "awaitscope-web_bg.wasm"
JS = "awaitscope-web.js"
HTML = "index.html"
IMPORT_PREFIXES = ("__wbg_", "__wbindgen_")
EXPORT_PREFIXES = ("wasm_bindgen__convert__closures_",)


def read_name(b, i):
    n, i = leb(b, i)
    return b[i : i + n].decode("utf8"), i + n


def put_name(s):
    e = s.encode("utf8")
    return uleb(len(e)) + e


class Renamer:
    def __init__(self):
        self.mapping = {}

    def __call__(self, name, prefixes):
        if not name.startswith(prefixes):
            return name
        if name not in self.mapping:
            self.mapping[name] = f"${len(self.mapping):x}"
        return self.mapping[name]


def rewrite_imports(body, rename):
    count, i = leb(body, 0)
    out = bytearray(uleb(count))
    for _ in range(count):
        module, i = read_name(body, i)
        field, i = read_name(body, i)
        start = i
        kind = body[i]
        i += 1
        if kind != 0:  # only functions are expected: keep anything else as is
            raise ValueError(f"import {module}.{field} of kind {kind}")
        _, i = leb(body, i)
        out += put_name(module) + put_name(rename(field, IMPORT_PREFIXES)) + body[start:i]
    return bytes(out)


def rewrite_exports(body, rename):
    count, i = leb(body, 0)
    out = bytearray(uleb(count))
    for _ in range(count):
        name, i = read_name(body, i)
        start = i
        i += 1
        _, i = leb(body, i)
        out += put_name(rename(name, EXPORT_PREFIXES)) + body[start:i]
    return bytes(out)


def rewrite_wasm(data, rename):
    if data[:4] != b"\0asm":
        raise ValueError("not a wasm file")
    out = bytearray(data[:8])
    i = 8
    while i < len(data):
        sid = data[i]
        size, j = leb(data, i + 1)
        body = data[j : j + size]
        if sid == 2:
            body = rewrite_imports(body, rename)
        elif sid == 7:
            body = rewrite_exports(body, rename)
        out += bytes([sid]) + uleb(len(body)) + body
        i = j + size
    return bytes(out)


def rewrite_js(js, mapping):
    for old, new in mapping.items():
        pattern = re.compile(r"(?<![\w$])" + re.escape(old) + r"(?![\w$])")
        js, n = pattern.subn(lambda _: new, js)
        if n == 0:
            raise ValueError(f"{old} is not in {JS}")
    if re.search(r"__wbg_\w+_[0-9a-f]{16}\b", js):
        raise ValueError(f"{JS} still has hashed names")
    return js


def strip_js(js):
    """Without comments, indentation and blank lines; unchanged if a line is inside a
    template literal (an odd number of backticks on some line)."""
    if any(line.count("`") % 2 for line in js.split("\n")):
        return js
    js = re.sub(r"(?ms)^[ \t]*/\*.*?\*/[ \t]*\n", "", js)
    js = re.sub(r"(?m)^[ \t]*//.*\n", "", js)
    js = re.sub(r"(?m)^[ \t]+", "", js)
    return re.sub(r"\n+", "\n", js)


def sri(data):
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def main():
    staging = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TRUNK_STAGING_DIR", "")
    paths = {f: os.path.join(staging, f) for f in (WASM, JS, HTML)}
    if not all(os.path.isfile(p) for p in paths.values()):
        print(f"shrink_wasm_bindgen_output: no {WASM}/{JS}/{HTML} in {staging!r}: skipped")
        return
    old = {f: open(p, "rb").read() for f, p in paths.items()}
    try:
        rename = Renamer()
        wasm = rewrite_wasm(old[WASM], rename)
        js = strip_js(rewrite_js(old[JS].decode("utf8"), rename.mapping)).encode("utf8")
        html = old[HTML].decode("utf8")
        for name, new in ((WASM, wasm), (JS, js)):
            if sri(old[name]) not in html:
                raise ValueError(f"no integrity hash of {name} in {HTML}")
            html = html.replace(sri(old[name]), sri(new))
    except (ValueError, IndexError, UnicodeDecodeError) as e:
        print(f"shrink_wasm_bindgen_output: WARNING, files left as they were: {e}")
        return
    for name, new in ((WASM, wasm), (JS, js), (HTML, html.encode("utf8"))):
        with open(paths[name], "wb") as f:
            f.write(new)
    saved = len(old[WASM]) + len(old[JS]) - len(wasm) - len(js)
    print(f"shrink_wasm_bindgen_output: {len(rename.mapping)} names, {saved} bytes shorter")


if __name__ == "__main__":
    main()
