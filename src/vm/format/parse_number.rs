//! `int(text, base)` and `float(text)` on strings, after CPython 3.11's
//! `PyLong_FromString` / `_PyLong_FromUnicodeObject` and `PyFloat_FromString`.
//!
//! Errors are ValueError messages, except [`INT_TOO_LARGE`]: our ints are 64-bit,
//! so a valid literal outside i64 is reported with that exact string (the
//! caller decides which exception to raise). Like CPython, any Unicode decimal
//! digit counts as its ASCII digit and any Unicode space as a space.

use super::str_repr::str_repr;

/// The error for a syntactically valid int literal that does not fit in i64.
pub const INT_TOO_LARGE: &str = "int too large";

/// Whitespace as `int()`/`float()` skip it: ASCII `\t\n\v\f\r ` plus every
/// non-ASCII Unicode space (CPython maps those to ' ' first).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
        || (c as u32 >= 127 && c.is_whitespace())
}

/// First code point of each run of ten Unicode decimal digits (Unicode 14,
/// category Nd, each run is 0..9 in order), beyond ASCII.
const DECIMAL_ZEROS: &[u32] = &[
    0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6,
    0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50,
    0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650,
    0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50,
    0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// `_PyUnicode_TransformDecimalAndSpaceToASCII`: Unicode spaces become ' ' and
/// Unicode decimal digits their ASCII digit; anything else non-ASCII stays (and
/// later fails to parse).
fn to_ascii_number(s: &str) -> String {
    s.chars()
        .map(|c| {
            let code = c as u32;
            if code < 127 {
                return c;
            }
            if is_space(c) {
                return ' ';
            }
            match DECIMAL_ZEROS
                .iter()
                .find(|&&zero| zero <= code && code < zero + 10)
            {
                Some(zero) => char::from(b'0' + (code - zero) as u8),
                None => c,
            }
        })
        .collect()
}

/// `%.200R`: the repr, cut to 200 characters.
fn short_repr(s: &str) -> String {
    str_repr(s).chars().take(200).collect()
}

/// `int(s, base)` for a str `s`; base 0 means "from the prefix, like a literal".
/// `s.parse::<i64>()`: an optional `+` or `-`, then one or more ASCII digits;
/// None otherwise and on overflow. (Ours: std's generic integer parser is its
/// own 600 bytes of wasm.)
pub fn parse_i64(s: &str) -> Option<i64> {
    let (negative, digits) = match s.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        all => (false, all),
    };
    if digits.is_empty() {
        return None;
    }
    // Accumulated negatively, so that i64::MIN fits.
    let mut n: i64 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_sub((b - b'0') as i64)?;
    }
    if negative {
        Some(n)
    } else {
        n.checked_neg()
    }
}

pub fn parse_int(s: &str, base: u32) -> Result<i64, String> {
    if base == 1 || base > 36 {
        return Err("int() base must be >= 2 and <= 36, or 0".to_string());
    }
    let invalid = || {
        format!(
            "invalid literal for int() with base {base}: {}",
            short_repr(s)
        )
    };
    let chars: Vec<char> = to_ascii_number(s).chars().collect();
    let mut pos = 0;
    while pos < chars.len() && is_space(chars[pos]) {
        pos += 1;
    }
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let mut negative = false;
    match at(pos) {
        '+' => pos += 1,
        '-' => {
            negative = true;
            pos += 1;
        }
        _ => {}
    }
    let mut radix = base;
    let mut old_octal = false;
    if radix == 0 {
        radix = match (at(pos), at(pos + 1).to_ascii_lowercase()) {
            ('0', 'x') => 16,
            ('0', 'o') => 8,
            ('0', 'b') => 2,
            ('0', _) => {
                old_octal = true;
                10
            }
            _ => 10,
        };
    }
    let marker = at(pos + 1).to_ascii_lowercase();
    if at(pos) == '0'
        && ((radix == 16 && marker == 'x')
            || (radix == 8 && marker == 'o')
            || (radix == 2 && marker == 'b'))
    {
        pos += 2;
        if at(pos) == '_' {
            pos += 1;
        }
    }
    if at(pos) == '_' {
        return Err(invalid());
    }
    let start = pos;
    let mut value: u128 = 0;
    let mut overflow = false;
    let mut prev = '\0';
    while let Some(&c) = chars.get(pos) {
        if c == '_' {
            if prev == '_' {
                return Err(invalid());
            }
        } else if let Some(d) = c.to_digit(radix) {
            value = value * radix as u128 + d as u128;
            if value > 1u128 << 64 {
                overflow = true;
                value = 1u128 << 64;
            }
        } else {
            break;
        }
        prev = c;
        pos += 1;
    }
    if prev == '_' || pos == start {
        return Err(invalid());
    }
    if old_octal && value != 0 {
        return Err(invalid());
    }
    while pos < chars.len() && is_space(chars[pos]) {
        pos += 1;
    }
    if pos != chars.len() {
        return Err(invalid());
    }
    let limit: u128 = if negative {
        1u128 << 63
    } else {
        (1u128 << 63) - 1
    };
    if overflow || value > limit {
        return Err(INT_TOO_LARGE.to_string());
    }
    let magnitude = value as i128;
    Ok((if negative { -magnitude } else { magnitude }) as i64)
}

/// `float(s)` for a str `s`.
pub fn parse_float(s: &str) -> Result<f64, String> {
    let invalid = || format!("could not convert string to float: {}", str_repr(s));
    // Underscores: only between digits (checked on the unstripped text, as CPython does).
    let mut cleaned = String::with_capacity(s.len());
    let mut prev = '\0';
    for c in to_ascii_number(s).chars() {
        if c == '_' {
            if !prev.is_ascii_digit() {
                return Err(invalid());
            }
        } else {
            if prev == '_' && !c.is_ascii_digit() {
                return Err(invalid());
            }
            cleaned.push(c);
        }
        prev = c;
    }
    if prev == '_' {
        return Err(invalid());
    }
    let text = cleaned.trim_matches(is_space);
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let lower = body.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity" | "nan") {
        let value = if lower == "nan" {
            f64::NAN
        } else {
            f64::INFINITY
        };
        return Ok(if text.starts_with('-') { -value } else { value });
    }
    if !is_decimal_literal(body) {
        return Err(invalid());
    }
    crate::python::parse_float(text).ok_or_else(invalid)
}

/// `digits [. digits] [e [sign] digits]` with at least one mantissa digit.
fn is_decimal_literal(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let digits = |pos: &mut usize| {
        let start = *pos;
        while *pos < bytes.len() && bytes[*pos].is_ascii_digit() {
            *pos += 1;
        }
        *pos - start
    };
    let mut mantissa = digits(&mut pos);
    if bytes.get(pos) == Some(&b'.') {
        pos += 1;
        mantissa += digits(&mut pos);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(bytes.get(pos), Some(b'e' | b'E')) {
        pos += 1;
        if matches!(bytes.get(pos), Some(b'+' | b'-')) {
            pos += 1;
        }
        if digits(&mut pos) == 0 {
            return false;
        }
    }
    pos == bytes.len()
}

#[cfg(test)]
mod parse_i64_tests {
    use super::parse_i64;

    #[test]
    fn parse_i64_is_str_parse() {
        for s in [
            "",
            "+",
            "-",
            "0",
            "-0",
            "+0",
            "12",
            "-12",
            "+12",
            "007",
            "1e5",
            " 1",
            "1 ",
            "--1",
            "+-1",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "99999999999999999999",
            "1.5",
            "٣",
        ] {
            assert_eq!(parse_i64(s), s.parse::<i64>().ok(), "{s:?}");
        }
    }
}
