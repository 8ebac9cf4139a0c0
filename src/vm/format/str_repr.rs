//! `repr()` of a str, after CPython 3.11's `unicode_repr`.

/// Non-ASCII ranges that `str.isprintable()` rejects in Unicode 14 (CPython
/// 3.11): categories Cc Cf Zs Zl Zp Co, merged across unassigned gaps, plus the
/// non-characters and the big unassigned block before plane 14. Other
/// unassigned code points (category Cn) are shown as is, where CPython would
/// escape them: a full table would cost more than it is worth.
const NOT_PRINTABLE: &[(u32, u32)] = &[
    (0x80, 0xa0),
    (0xad, 0xad),
    (0x600, 0x605),
    (0x61c, 0x61c),
    (0x6dd, 0x6dd),
    (0x70f, 0x70f),
    (0x890, 0x891),
    (0x8e2, 0x8e2),
    (0x1680, 0x1680),
    (0x180e, 0x180e),
    (0x2000, 0x200f),
    (0x2028, 0x202f),
    (0x205f, 0x206f),
    (0x3000, 0x3000),
    (0xe000, 0xf8ff),
    (0xfdd0, 0xfdef),
    (0xfeff, 0xfeff),
    (0xfff9, 0xfffb),
    (0xfffe, 0xffff),
    (0x110bd, 0x110bd),
    (0x110cd, 0x110cd),
    (0x13430, 0x13438),
    (0x1bca0, 0x1bca3),
    (0x1d173, 0x1d17a),
    (0x3134b, 0xe007f),
    (0xf0000, 0x10ffff),
];

/// `str.isprintable()` for one character (unassigned code points count as
/// printable, unlike CPython).
pub fn is_printable(c: char) -> bool {
    let code = c as u32;
    if code < 0x7f {
        return code >= 0x20;
    }
    if code == 0x7f {
        return false;
    }
    !NOT_PRINTABLE
        .iter()
        .any(|&(lo, hi)| lo <= code && code <= hi)
}

/// `repr(s)`: quotes chosen like CPython (single unless the text has a `'` and
/// no `"`), `\\ \t \n \r` escaped, other non-printables as `\xhh`, `\uhhhh`
/// or `\Uhhhhhhhh`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        push_escaped(&mut out, c, quote, false);
    }
    out.push(quote);
    out
}

/// `ascii(s)` for a str: like [`str_repr`] but every non-ASCII char escaped.
pub fn str_ascii(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        push_escaped(&mut out, c, quote, true);
    }
    out.push(quote);
    out
}

fn push_escaped(out: &mut String, c: char, quote: char, ascii_only: bool) {
    let code = c as u32;
    match c {
        '\\' => out.push_str("\\\\"),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        _ if c == quote => {
            out.push('\\');
            out.push(c);
        }
        _ if is_printable(c) && !(ascii_only && code > 0x7f) => out.push(c),
        _ if code <= 0xff => out.push_str(&format!("\\x{code:02x}")),
        _ if code <= 0xffff => out.push_str(&format!("\\u{code:04x}")),
        _ => out.push_str(&format!("\\U{code:08x}")),
    }
}
