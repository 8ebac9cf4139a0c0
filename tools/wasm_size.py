#!/usr/bin/env python3
"""Where the bytes of a wasm file go: code size by crate, by module and by function,
read from the wasm `name` section, plus the data section.

    tools/wasm_size.py FILE.wasm [--top N] [--modules N]

FILE must still carry its name section: trunk's intermediate
`target/wasm-bindgen/release/awaitscope-web_bg.wasm`, or that file after
`wasm-opt -Oz -g` (what `scripts/wasm_size.sh` measures: the shipped code, with names).
Besides raw bytes, each group shows "gz": the gzip -9 size of its function bodies
compressed together, a fair estimate of what the group adds to the transfer.
"""

import argparse
import collections
import re
import sys
import zlib

from wasm_leb import leb

SECTION_NAMES = {
    0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory",
    6: "global", 7: "export", 8: "start", 9: "element", 10: "code", 11: "data",
    12: "datacount",
}


def read_module(data):
    """Sections as (name, size), function bodies (bytes) and names by function index."""
    if data[:4] != b"\0asm":
        sys.exit("not a wasm file")
    i = 8
    sections, bodies, names, data_segments = [], [], {}, []
    imported_funcs = 0
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        start, end = i, i + size
        label = SECTION_NAMES.get(sid, str(sid))
        if sid == 2:
            n, j = leb(data, i)
            for _ in range(n):
                for _ in range(2):  # module, field
                    length, j = leb(data, j)
                    j += length
                kind = data[j]
                j += 1
                if kind == 0:
                    _, j = leb(data, j)
                    imported_funcs += 1
                elif kind == 1:  # table: reftype, limits
                    j += 1
                    flags, j = leb(data, j)
                    _, j = leb(data, j)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 2:  # memory: limits
                    flags, j = leb(data, j)
                    _, j = leb(data, j)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 3:  # global: valtype, mut
                    j += 2
                else:
                    sys.exit(f"unknown import kind {kind}")
        elif sid == 10:
            n, j = leb(data, i)
            for _ in range(n):
                length, j = leb(data, j)
                bodies.append(data[j:j + length])
                j += length
        elif sid == 11:
            data_segments.append(data[start:end])
        elif sid == 0:
            length, j = leb(data, i)
            custom = data[j:j + length].decode("utf8", "replace")
            j += length
            label = "custom:" + custom
            if custom == "name":
                while j < end:
                    sub = data[j]
                    sub_size, j = leb(data, j + 1)
                    sub_end = j + sub_size
                    if sub == 1:
                        n, k = leb(data, j)
                        for _ in range(n):
                            idx, k = leb(data, k)
                            length, k = leb(data, k)
                            names[idx] = data[k:k + length].decode("utf8", "replace")
                            k += length
                    j = sub_end
        sections.append((label, size))
        i = end
    named = {k - imported_funcs: v for k, v in names.items()}
    return sections, bodies, named, b"".join(data_segments)


# --- Rust symbol demangling (enough to attribute a function to its path) ----------

LEGACY_ESCAPES = {
    "$LT$": "<", "$GT$": ">", "$RF$": "&", "$BP$": "*", "$C$": ",", "$SP$": "@",
    "$LP$": "(", "$RP$": ")", "$u20$": " ", "$u27$": "'", "$u5b$": "[", "$u5d$": "]",
    "$u7b$": "{", "$u7d$": "}", "$u3b$": ";", "$u7e$": "~", "$u22$": '"', "$u3d$": "=",
}


def demangle_legacy(sym):
    """`_ZN10awaitscope2vm6interp...E` -> `awaitscope::vm::interp::...` (hash dropped)."""
    body = sym[3:]
    parts = []
    i = 0
    while i < len(body) and body[i].isdigit():
        j = i
        while body[j].isdigit():
            j += 1
        n = int(body[i:j])
        parts.append(body[j:j + n])
        i = j + n
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    out = []
    for p in parts:
        if p.startswith("_$"):
            p = p[1:]
        p = re.sub(r"\$[A-Za-z0-9]+\$", lambda m: LEGACY_ESCAPES.get(m.group(0), "?"), p)
        out.append(p.replace("..", "::"))
    return "::".join(out)


def demangle_v0(sym):
    """Rough v0 demangling: the crate root (`C<disambiguator>_<len><name>`) and the
    identifiers after it (`_RNvMs3_NtCs.._5alloc3stre12to_lowercase` ->
    `alloc::str::to_lowercase`). Generic arguments get mixed in; good enough to group."""
    m = re.search(r"C(?:s[0-9a-zA-Z]*_)?([1-9][0-9]*)([A-Za-z_][A-Za-z0-9_]*)", sym)
    if not m:
        return sym
    n = int(m.group(1))
    out = [m.group(2)[:n]]
    rest = m.group(2)[n:] + sym[m.end():]
    for length, ident in re.findall(r"(?<![0-9])([1-9][0-9]*)_?([A-Za-z_][A-Za-z0-9_]*)", rest):
        k = int(length)
        if k <= len(ident):
            out.append(ident[:k])
    return "::".join(out)


PRIMITIVES = {"str", "char", "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize",
              "u8", "u16", "u32", "u64", "u128", "usize", "bool"}


def demangle(sym):
    """A readable name: mangled symbols demangled; `::h<hash>` and `[crate hash]` dropped
    (wasm-bindgen already writes demangled names)."""
    if sym.startswith("_ZN"):
        sym = demangle_legacy(sym)
    elif sym.startswith("_R"):
        sym = demangle_v0(sym)
    sym = re.sub(r"::h[0-9a-f]{16}$", "", sym)
    return re.sub(r"\[[0-9a-f]{16}\]", "", sym)


def owner_path(name):
    """The module path a function belongs to. `a::b::<impl T>::f` -> a::b;
    `<T as Trait>::f` -> T's path, or Trait's when T is a primitive or generic
    (`<f64 as core::str::FromStr>::from_str` -> core); `<str>::f` -> core."""
    if name.startswith("<"):
        m = re.match(r"<(?:impl )?&?(?:mut )?([A-Za-z_][\w:]*|\[)[^ ]*?(?: as ([A-Za-z_][\w:]*))?>", name)
        if m:
            ty, trait = m.group(1), m.group(2)
            if ty in PRIMITIVES or ty == "[" or "::" not in ty:
                return (trait or "core").split("::")
            return ty.split("::")
        return ["?"]
    head = name.split("::<", 1)[0]
    parts = []
    for p in head.split("::"):
        if p.startswith("<") or not re.fullmatch(r"[A-Za-z_]\w*", p):
            break
        parts.append(p)
    return parts or ["?"]


# Our code: the library, or examples/engine_wasm.rs, which includes its modules by path.
OUR_CRATES = {"awaitscope", "engine_wasm"}


def group_keys(name):
    """(crate, module): module is `awaitscope::a::b` for our code, else the crate."""
    path = owner_path(name)
    crate = path[0]
    if crate.startswith("__"):
        crate = "std"  # __rustc::__rdl_alloc and friends
    if crate in OUR_CRATES:
        mods = path[:3] if len(path) > 2 and path[2][:1].islower() else path[:2]
        return crate, "::".join(mods)
    if name.startswith("func[") or " shim" in name or name.startswith("__wbg"):
        return "wasm_bindgen", "wasm_bindgen"
    if "::" not in name and not name.startswith("<"):
        # Unmangled: exports (`awaitscope_engine_run`, `main`) and libc (`memcmp`).
        return "(unmangled: exports, libc)", "(unmangled)"
    return crate, crate


def gz(blobs):
    return len(zlib.compress(b"".join(blobs), 9))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("wasm")
    ap.add_argument("--top", type=int, default=15, help="functions to list")
    ap.add_argument("--modules", type=int, default=20, help="modules to list")
    args = ap.parse_args()

    data = open(args.wasm, "rb").read()
    sections, bodies, names, data_section = read_module(data)
    if not names:
        print(f"  {args.wasm}: no name section (build with names, or wasm-opt -g)")
        return

    total = len(data)
    code = sum(len(b) for b in bodies)
    print(f"  file {total} B (gz {len(zlib.compress(data, 9))}), code {code} B in {len(bodies)} "
          f"functions (gz {gz(bodies)}), data {len(data_section)} B (gz {gz([data_section])}; "
          "strings, the Python prelude, tables)")

    by_crate = collections.defaultdict(list)
    by_module = collections.defaultdict(list)
    funcs = []
    for idx, body in enumerate(bodies):
        name = demangle(names.get(idx, f"func[{idx}]"))
        crate, module = group_keys(name)
        by_crate[crate].append(body)
        if crate in OUR_CRATES:
            by_module[module].append(body)
        funcs.append((len(body), name))

    def table(title, groups, limit):
        rows = sorted(groups.items(), key=lambda kv: -sum(map(len, kv[1])))
        print(f"  {title}:      bytes       gz")
        for key, blobs in rows[:limit]:
            print(f"    {sum(map(len, blobs)):9d} {gz(blobs):8d}  {key}")
        rest = rows[limit:]
        if rest:
            blobs = [b for _, bl in rest for b in bl]
            print(f"    {sum(map(len, blobs)):9d} {gz(blobs):8d}  ({len(rest)} more)")

    table("code by crate", by_crate, 14)
    table("our code by module", by_module, args.modules)
    print("  largest functions:")
    for size, name in sorted(funcs, reverse=True)[: args.top]:
        print(f"    {size:9d}  {name[:110]}")


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # `| head`
        sys.exit(0)
