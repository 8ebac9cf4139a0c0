//! The format-spec mini-language: `format(value, spec)` for int, float and str,
//! after CPython 3.11's Python/formatter_unicode.c. All errors are ValueError
//! messages except the one `'c'` range error, which CPython raises as
//! OverflowError (see [`C_RANGE_ERROR`]).

use super::float_repr::{double_to_string, float_repr, DtoaFlags};

/// Largest width or precision we accept. CPython accepts up to `sys.maxsize` and
/// then tries to allocate; we refuse early with CPython's overflow message
/// instead of allocating gigabytes.
pub const MAX_WIDTH: usize = 10_000_000;

/// Message of the OverflowError raised by `format(n, 'c')` for n outside
/// range(0x110000) (every other error of this module is a ValueError).
pub const C_RANGE_ERROR: &str = "%c arg not in range(0x110000)";

/// Thousands separator requested in a spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    Comma,
    Underscore,
}

/// A parsed standard format specifier:
/// `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    pub fill: char,
    pub align: char,
    /// `'+'`, `'-'`, `' '` or `None`.
    pub sign: Option<char>,
    pub no_neg_zero: bool,
    pub alternate: bool,
    pub width: Option<usize>,
    pub grouping: Option<Grouping>,
    pub precision: Option<usize>,
    /// The presentation type, or `None` when omitted and the type has no default.
    pub ty: Option<char>,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Reads decimal digits at `chars[*pos..]`; `None` when there are none.
fn read_integer(chars: &[char], pos: &mut usize) -> Result<Option<usize>, String> {
    let start = *pos;
    let mut value: usize = 0;
    while let Some(d) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        value = value.saturating_mul(10).saturating_add(d as usize);
        *pos += 1;
    }
    if *pos == start {
        return Ok(None);
    }
    if value > MAX_WIDTH {
        return Err("Too many decimal digits in format string".to_string());
    }
    Ok(Some(value))
}

/// `parse_internal_render_format_spec`: `type_name` names the formatted
/// object's type in messages, `default_type`/`default_align` depend on it.
pub fn parse_spec(
    spec: &str,
    type_name: &str,
    default_type: Option<char>,
    default_align: char,
) -> Result<FormatSpec, String> {
    let chars: Vec<char> = spec.chars().collect();
    let mut pos = 0;
    let mut out = FormatSpec {
        fill: ' ',
        align: default_align,
        sign: None,
        no_neg_zero: false,
        alternate: false,
        width: None,
        grouping: None,
        precision: None,
        ty: default_type,
    };
    let at = |i: usize| chars.get(i).copied();
    let mut fill_specified = false;
    let mut align_specified = false;
    if at(pos + 1).is_some_and(is_align) {
        out.fill = chars[pos];
        out.align = chars[pos + 1];
        fill_specified = true;
        align_specified = true;
        pos += 2;
    } else if at(pos).is_some_and(is_align) {
        out.align = chars[pos];
        align_specified = true;
        pos += 1;
    }
    if let Some(c @ ('+' | '-' | ' ')) = at(pos) {
        out.sign = Some(c);
        pos += 1;
    }
    if at(pos) == Some('z') {
        out.no_neg_zero = true;
        pos += 1;
    }
    if at(pos) == Some('#') {
        out.alternate = true;
        pos += 1;
    }
    if !fill_specified && at(pos) == Some('0') {
        out.fill = '0';
        if !align_specified && default_align == '>' {
            out.align = '=';
        }
        pos += 1;
    }
    out.width = read_integer(&chars, &mut pos)?;
    if at(pos) == Some(',') {
        out.grouping = Some(Grouping::Comma);
        pos += 1;
    }
    if at(pos) == Some('_') {
        if out.grouping.is_some() {
            return Err("Cannot specify both ',' and '_'.".to_string());
        }
        out.grouping = Some(Grouping::Underscore);
        pos += 1;
    }
    if at(pos) == Some(',') && out.grouping == Some(Grouping::Underscore) {
        return Err("Cannot specify both ',' and '_'.".to_string());
    }
    if at(pos) == Some('.') {
        pos += 1;
        out.precision = read_integer(&chars, &mut pos)?;
        if out.precision.is_none() {
            return Err("Format specifier missing precision".to_string());
        }
    }
    if chars.len() > pos + 1 {
        return Err(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        ));
    }
    if let Some(&c) = chars.get(pos) {
        out.ty = Some(c);
    }
    if let Some(grouping) = out.grouping {
        let allowed = match out.ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => grouping == Grouping::Underscore,
            _ => false,
        };
        if !allowed {
            let sep = if grouping == Grouping::Comma {
                ','
            } else {
                '_'
            };
            return Err(match out.ty {
                Some(t) if (t as u32) > 32 && (t as u32) < 128 => {
                    format!("Cannot specify '{sep}' with '{t}'.")
                }
                t => format!(
                    "Cannot specify '{sep}' with '\\x{:x}'.",
                    t.map_or(0, |c| c as u32)
                ),
            });
        }
    }
    Ok(out)
}

fn unknown_code(ty: char, type_name: &str) -> String {
    let code = ty as u32;
    if code > 32 && code < 128 {
        format!("Unknown format code '{ty}' for object of type '{type_name}'")
    } else {
        format!("Unknown format code '\\x{code:x}' for object of type '{type_name}'")
    }
}

/// One number laid out by `calc_number_widths` + `fill_number`:
/// `<lpad><sign><prefix><spad><grouped digits><.><remainder><rpad>`.
struct NumberParts<'a> {
    negative: bool,
    prefix: &'a str,
    digits: &'a str,
    has_decimal: bool,
    remainder: &'a str,
}

fn render_number(parts: &NumberParts, spec: &FormatSpec, group: Option<(char, usize)>) -> String {
    let sign = match (spec.sign, parts.negative) {
        (_, true) => Some('-'),
        (Some('+'), false) => Some('+'),
        (Some(' '), false) => Some(' '),
        _ => None,
    };
    let width = spec.width.map_or(-1, |w| w as i64);
    let non_digit = sign.is_some() as i64
        + parts.prefix.chars().count() as i64
        + parts.has_decimal as i64
        + parts.remainder.chars().count() as i64;
    let min_width = if spec.fill == '0' && spec.align == '=' {
        width - non_digit
    } else {
        0
    };
    let grouped = if parts.digits.is_empty() {
        String::new()
    } else {
        group_digits(parts.digits, min_width, group)
    };
    let padding = (width - non_digit - grouped.chars().count() as i64).max(0) as usize;
    let (lpad, spad, rpad) = match spec.align {
        '<' => (0, 0, padding),
        '^' => (padding / 2, 0, padding - padding / 2),
        '=' => (0, padding, 0),
        _ => (padding, 0, 0),
    };
    let mut out = String::new();
    let fill = |out: &mut String, n: usize| out.extend(std::iter::repeat_n(spec.fill, n));
    fill(&mut out, lpad);
    out.extend(sign);
    out.push_str(parts.prefix);
    fill(&mut out, spad);
    out.push_str(&grouped);
    if parts.has_decimal {
        out.push('.');
    }
    out.push_str(parts.remainder);
    fill(&mut out, rpad);
    out
}

/// `_PyUnicode_InsertThousandsGrouping` with zero padding up to `min_width`.
fn group_digits(digits: &str, min_width: i64, group: Option<(char, usize)>) -> String {
    let digits: Vec<char> = digits.chars().collect();
    let mut remaining = digits.len() as i64;
    let mut min_width = min_width;
    let Some((sep, size)) = group else {
        let zeros = (min_width - remaining).max(0) as usize;
        let mut out: String = std::iter::repeat_n('0', zeros).collect();
        out.extend(digits);
        return out;
    };
    // Built right to left, one group at a time.
    let mut chunks: Vec<String> = Vec::new();
    loop {
        let l = (size as i64).min(remaining.max(min_width).max(1));
        let n_zeros = (l - remaining).max(0) as usize;
        let n_chars = remaining.min(l).max(0);
        let end = remaining as usize;
        let start = (remaining - n_chars) as usize;
        let mut chunk: String = std::iter::repeat_n('0', n_zeros).collect();
        chunk.extend(&digits[start..end]);
        chunks.push(chunk);
        remaining -= n_chars;
        min_width -= l;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    chunks.reverse();
    chunks.join(&sep.to_string())
}

fn grouping_of(spec: &FormatSpec, binary_base: bool) -> Option<(char, usize)> {
    match spec.grouping {
        Some(Grouping::Comma) => Some((',', 3)),
        Some(Grouping::Underscore) => Some(('_', if binary_base { 4 } else { 3 })),
        None => None,
    }
}

/// `format(n, spec)` for an int.
pub fn format_int(n: i64, spec: &str) -> Result<String, String> {
    format_int_named(n, spec, "int")
}

/// `format(n, spec)` for an int-like value whose type is `type_name` (e.g.
/// `bool`, which the caller formats as `str(b)` when the spec is empty).
pub fn format_int_named(n: i64, spec: &str, type_name: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(n.to_string());
    }
    let spec = parse_spec(spec, type_name, Some('d'), '>')?;
    match spec.ty {
        Some('b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n') => format_int_spec(n, &spec),
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => format_float_spec(n as f64, &spec),
        other => Err(unknown_code(other.unwrap_or('\0'), type_name)),
    }
}

fn format_int_spec(n: i64, spec: &FormatSpec) -> Result<String, String> {
    if spec.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".to_string());
    }
    if spec.no_neg_zero {
        return Err(
            "Negative zero coercion (z) not allowed in integer format specifier".to_string(),
        );
    }
    let ty = spec.ty.unwrap_or('d');
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err("Sign not allowed with integer format specifier 'c'".to_string());
        }
        if spec.alternate {
            return Err(
                "Alternate form (#) not allowed with integer format specifier 'c'".to_string(),
            );
        }
        if !(0..=0x10ffff).contains(&n) {
            return Err(C_RANGE_ERROR.to_string());
        }
        // Lone surrogates cannot live in a Rust string.
        let c = char::from_u32(n as u32).unwrap_or('\u{fffd}').to_string();
        let parts = NumberParts {
            negative: false,
            prefix: "",
            digits: "",
            has_decimal: false,
            remainder: &c,
        };
        return Ok(render_number(&parts, spec, None));
    }
    let magnitude = n.unsigned_abs();
    let (digits, prefix) = match ty {
        'b' => (format!("{magnitude:b}"), "0b"),
        'o' => (format!("{magnitude:o}"), "0o"),
        'x' => (format!("{magnitude:x}"), "0x"),
        'X' => (format!("{magnitude:X}"), "0X"),
        _ => (magnitude.to_string(), ""),
    };
    let prefix = if spec.alternate { prefix } else { "" };
    let group = if ty == 'n' {
        None
    } else {
        grouping_of(spec, matches!(ty, 'b' | 'o' | 'x' | 'X'))
    };
    let parts = NumberParts {
        negative: n < 0,
        prefix,
        digits: &digits,
        has_decimal: false,
        remainder: "",
    };
    Ok(render_number(&parts, spec, group))
}

/// `format(x, spec)` for a float.
pub fn format_float(x: f64, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(float_repr(x));
    }
    let spec = parse_spec(spec, "float", None, '>')?;
    match spec.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => format_float_spec(x, &spec),
        Some(other) => Err(unknown_code(other, "float")),
    }
}

fn format_float_spec(x: f64, spec: &FormatSpec) -> Result<String, String> {
    let mut flags = DtoaFlags {
        alt: spec.alternate,
        no_neg_0: spec.no_neg_zero,
        ..DtoaFlags::default()
    };
    let mut code = spec.ty.unwrap_or('r');
    let mut default_precision = 6;
    if spec.ty.is_none() {
        flags.add_dot_0 = true;
        default_precision = 0;
    }
    if code == 'n' {
        code = 'g';
    }
    let mut value = x;
    let percent = code == '%';
    if percent {
        code = 'f';
        value *= 100.0;
    }
    let precision = match spec.precision {
        Some(p) => {
            if code == 'r' {
                code = 'g';
            }
            p
        }
        None => default_precision,
    };
    let mut text = double_to_string(value, code, precision, flags);
    if percent {
        text.push('%');
    }
    let negative = text.starts_with('-');
    let body = if negative { &text[1..] } else { &text[..] };
    let int_end = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (digits, rest) = body.split_at(int_end);
    let (has_decimal, remainder) = match rest.strip_prefix('.') {
        Some(after) => (true, after),
        None => (false, rest),
    };
    let group = if spec.ty == Some('n') {
        None
    } else {
        grouping_of(spec, false)
    };
    let parts = NumberParts {
        negative,
        prefix: "",
        digits,
        has_decimal,
        remainder,
    };
    Ok(render_number(&parts, spec, group))
}

/// `format(s, spec)` for a str.
pub fn format_str(s: &str, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let spec = parse_spec(spec, "str", Some('s'), '<')?;
    if spec.ty != Some('s') {
        return Err(unknown_code(spec.ty.unwrap_or('\0'), "str"));
    }
    match spec.sign {
        Some(' ') => return Err("Space not allowed in string format specifier".to_string()),
        Some(_) => return Err("Sign not allowed in string format specifier".to_string()),
        None => {}
    }
    if spec.no_neg_zero {
        return Err(
            "Negative zero coercion (z) not allowed in string format specifier".to_string(),
        );
    }
    if spec.alternate {
        return Err("Alternate form (#) not allowed in string format specifier".to_string());
    }
    if spec.align == '=' {
        return Err("'=' alignment not allowed in string format specifier".to_string());
    }
    let mut len = s.chars().count();
    if let Some(p) = spec.precision {
        len = len.min(p);
    }
    let total = spec.width.unwrap_or(0).max(len);
    let left = match spec.align {
        '>' => total - len,
        '^' => (total - len) / 2,
        _ => 0,
    };
    let mut out = String::new();
    out.extend(std::iter::repeat_n(spec.fill, left));
    out.extend(s.chars().take(len));
    out.extend(std::iter::repeat_n(spec.fill, total - len - left));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_padding_with_grouping() {
        assert_eq!(format_int(1234, "08,").unwrap(), "0,001,234");
        assert_eq!(format_int(1234, "010,").unwrap(), "00,001,234");
        assert_eq!(format_int(-12, "#010X").unwrap(), "-0X000000C");
        assert_eq!(format_float(f64::INFINITY, "010").unwrap(), "0000000inf");
    }

    #[test]
    fn huge_width_is_refused_not_allocated() {
        assert!(format_int(1, "1000000000").is_err());
        assert!(format_float(1.0, ".99999999999999999999f").is_err());
    }
}
