//! `%`-formatting (`'%5.2f' % x`), after CPython 3.11's Objects/unicodeobject.c
//! (`unicode_format_arg_parse`, `_PyUnicode_FormatLong`, `formatfloat`,
//! `unicode_format_arg_output`).
//!
//! The caller walks the pieces, takes arguments (the mapping value for a
//! `key`, one positional argument per `*` and per conversion), converts them
//! (`str()`/`repr()`/`ascii()` for `s r a`, `int()` for integer codes on floats,
//! the one character for `c`) and calls the `format_percent_*` function that
//! fits. Parse errors are ValueErrors; an unsupported conversion character is
//! reported while parsing (CPython reports it after taking the argument).

use super::float_repr::{double_to_string, DtoaFlags};
use super::spec::MAX_WIDTH;

/// Width or precision of a `%` spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PercentNum {
    None,
    Fixed(usize),
    /// `*`: taken from the next positional argument (see [`PercentSpec::set_star_width`]).
    Star,
}

/// One `%...x` conversion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PercentSpec {
    /// `%(key)s`: the mapping key.
    pub key: Option<String>,
    /// `-`: left-justify.
    pub left: bool,
    /// `+`: always a sign.
    pub plus: bool,
    /// ` `: a space for non-negative numbers.
    pub space: bool,
    /// `#`: alternate form.
    pub alt: bool,
    /// `0`: zero padding (numbers only).
    pub zero: bool,
    pub width: PercentNum,
    pub precision: PercentNum,
    /// One of `s r a d i u o x X e E f F g G c`.
    pub conversion: char,
    /// Index of the conversion character in the template (in chars).
    pub index: usize,
}

impl PercentSpec {
    /// Resolves a `*` width with its argument (negative means left-justified).
    pub fn set_star_width(&mut self, value: i64) -> Result<(), String> {
        if value < 0 {
            self.left = true;
        }
        let width = value.unsigned_abs();
        if width > MAX_WIDTH as u64 {
            return Err("width too big".to_string());
        }
        self.width = PercentNum::Fixed(width as usize);
        Ok(())
    }

    /// Resolves a `*` precision with its argument (negative means 0).
    pub fn set_star_precision(&mut self, value: i64) -> Result<(), String> {
        if value > MAX_WIDTH as i64 {
            return Err("precision too big".to_string());
        }
        self.precision = PercentNum::Fixed(value.max(0) as usize);
        Ok(())
    }

    fn width(&self) -> i64 {
        match self.width {
            PercentNum::Fixed(w) => w as i64,
            _ => -1,
        }
    }

    fn precision(&self) -> i64 {
        match self.precision {
            PercentNum::Fixed(p) => p as i64,
            _ => -1,
        }
    }
}

/// A piece of a parsed `%` template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PercentPiece {
    /// Text, with `%%` already turned into `%`.
    Literal(String),
    Spec(PercentSpec),
}

/// Parses a `%` template into literal text and conversions.
pub fn parse_percent_template(template: &str) -> Result<Vec<PercentPiece>, String> {
    let chars: Vec<char> = template.chars().collect();
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut pos = 0;
    while pos < chars.len() {
        let c = chars[pos];
        pos += 1;
        if c != '%' {
            literal.push(c);
            continue;
        }
        if chars.get(pos) == Some(&'%') {
            literal.push('%');
            pos += 1;
            continue;
        }
        let spec = parse_one(&chars, &mut pos)?;
        if !literal.is_empty() {
            pieces.push(PercentPiece::Literal(std::mem::take(&mut literal)));
        }
        pieces.push(PercentPiece::Spec(spec));
    }
    if !literal.is_empty() {
        pieces.push(PercentPiece::Literal(literal));
    }
    Ok(pieces)
}

/// One conversion; `pos` is just after the `%`.
fn parse_one(chars: &[char], pos: &mut usize) -> Result<PercentSpec, String> {
    let incomplete = || "incomplete format".to_string();
    let mut spec = PercentSpec {
        key: None,
        left: false,
        plus: false,
        space: false,
        alt: false,
        zero: false,
        width: PercentNum::None,
        precision: PercentNum::None,
        conversion: '\0',
        index: 0,
    };
    if chars.get(*pos) == Some(&'(') {
        let start = *pos + 1;
        let mut depth = 1;
        let mut i = start;
        while i < chars.len() {
            match chars[i] {
                ')' => depth -= 1,
                '(' => depth += 1,
                _ => {}
            }
            if depth == 0 {
                break;
            }
            i += 1;
        }
        if depth > 0 {
            return Err("incomplete format key".to_string());
        }
        spec.key = Some(chars[start..i].iter().collect());
        *pos = i + 1;
    }
    let next = |pos: &mut usize| -> Option<char> {
        let c = chars.get(*pos).copied();
        *pos += 1;
        c
    };
    let mut c = next(pos).ok_or_else(incomplete)?;
    loop {
        match c {
            '-' => spec.left = true,
            '+' => spec.plus = true,
            ' ' => spec.space = true,
            '#' => spec.alt = true,
            '0' => spec.zero = true,
            _ => break,
        }
        c = next(pos).ok_or_else(incomplete)?;
    }
    if c == '*' {
        spec.width = PercentNum::Star;
        c = next(pos).ok_or_else(incomplete)?;
    } else if c.is_ascii_digit() {
        let mut width = 0usize;
        while let Some(d) = c.to_digit(10) {
            width = width * 10 + d as usize;
            if width > MAX_WIDTH {
                return Err("width too big".to_string());
            }
            c = next(pos).ok_or_else(incomplete)?;
        }
        spec.width = PercentNum::Fixed(width);
    }
    if c == '.' {
        c = next(pos).ok_or_else(incomplete)?;
        if c == '*' {
            spec.precision = PercentNum::Star;
            c = next(pos).ok_or_else(incomplete)?;
        } else {
            let mut precision = 0usize;
            while let Some(d) = c.to_digit(10) {
                precision = precision * 10 + d as usize;
                if precision > MAX_WIDTH {
                    return Err("precision too big".to_string());
                }
                c = next(pos).ok_or_else(incomplete)?;
            }
            spec.precision = PercentNum::Fixed(precision);
        }
    }
    if matches!(c, 'h' | 'l' | 'L') {
        c = next(pos).ok_or_else(incomplete)?;
    }
    spec.index = *pos - 1;
    if !matches!(
        c,
        's' | 'r'
            | 'a'
            | 'd'
            | 'i'
            | 'u'
            | 'o'
            | 'x'
            | 'X'
            | 'e'
            | 'E'
            | 'f'
            | 'F'
            | 'g'
            | 'G'
            | 'c'
    ) {
        let code = c as u32;
        let shown = if (31..=126).contains(&code) { c } else { '?' };
        return Err(format!(
            "unsupported format character '{shown}' (0x{code:x}) at index {}",
            spec.index
        ));
    }
    spec.conversion = c;
    Ok(spec)
}

/// An int under `%d %i %u %o %x %X %c` (and `%e %f %g`, converted to float).
/// For `%c` the caller checks range(0x110000) first (OverflowError
/// `%c arg not in range(0x110000)`); a value outside it gives U+FFFD here.
pub fn format_percent_int(n: i64, spec: &PercentSpec) -> String {
    let conv = spec.conversion;
    if matches!(conv, 'e' | 'E' | 'f' | 'F' | 'g' | 'G') {
        return format_percent_float(n as f64, spec);
    }
    if conv == 'c' {
        let c = u32::try_from(n)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or('\u{fffd}');
        return output(&c.to_string(), spec, false);
    }
    if matches!(conv, 's' | 'r' | 'a') {
        return format_percent_str(&n.to_string(), spec);
    }
    let magnitude = n.unsigned_abs();
    let (mut digits, prefix) = match conv {
        'o' => (format!("{magnitude:o}"), "0o"),
        'x' => (format!("{magnitude:x}"), "0x"),
        'X' => (format!("{magnitude:X}"), "0X"),
        _ => (magnitude.to_string(), ""),
    };
    let precision = spec.precision().max(0) as usize;
    if precision > digits.len() {
        digits = "0".repeat(precision - digits.len()) + &digits;
    }
    let mut text = String::new();
    if n < 0 {
        text.push('-');
    }
    if spec.alt {
        text.push_str(prefix);
    }
    text.push_str(&digits);
    output(&text, spec, true)
}

/// A float under `%e %E %f %F %g %G` (integer codes truncate it, saturating;
/// the caller should have converted with `int()` and its errors first).
pub fn format_percent_float(x: f64, spec: &PercentSpec) -> String {
    let conv = spec.conversion;
    if !matches!(conv, 'e' | 'E' | 'f' | 'F' | 'g' | 'G') {
        if matches!(conv, 's' | 'r' | 'a') {
            return format_percent_str(&super::float_repr(x), spec);
        }
        return format_percent_int(x as i64, spec);
    }
    let precision = match spec.precision {
        PercentNum::Fixed(p) => p,
        _ => 6,
    };
    let flags = DtoaFlags {
        alt: spec.alt,
        ..DtoaFlags::default()
    };
    output(&double_to_string(x, conv, precision, flags), spec, true)
}

/// Already converted text under `%s %r %a %c` (precision truncates `s r a`).
pub fn format_percent_str(s: &str, spec: &PercentSpec) -> String {
    output(s, spec, false)
}

/// `unicode_format_arg_output`: sign, `0x` prefix and padding. `numeric` is
/// CPython's `arg->sign` (set for number conversions).
fn output(text: &str, spec: &PercentSpec, numeric: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut len = chars.len() as i64;
    let mut width = spec.width();
    let prec = spec.precision();
    let conv = spec.conversion;
    if (width == -1 || width <= len) && (prec == -1 || prec >= len) && !(spec.plus || spec.space) {
        return text.to_string();
    }
    let fill = if numeric && spec.zero { '0' } else { ' ' };
    if matches!(conv, 's' | 'r' | 'a') && prec >= 0 && len > prec {
        len = prec;
    }
    let mut start = 0usize;
    let mut sign = numeric;
    let mut sign_char = '\0';
    if sign {
        match chars.first() {
            Some(&c @ ('-' | '+')) => {
                sign_char = c;
                len -= 1;
                start += 1;
            }
            _ if spec.plus => sign_char = '+',
            _ if spec.space => sign_char = ' ',
            _ => sign = false,
        }
    }
    width = width.max(len);
    let mut out = String::new();
    if sign {
        if fill != ' ' {
            out.push(sign_char);
        }
        if width > len {
            width -= 1;
        }
    }
    // CPython 3.11 keeps `0x`, `0X` and `0o` before the zero padding.
    let hex_prefix = spec.alt && matches!(conv, 'x' | 'X' | 'o');
    if hex_prefix {
        if fill != ' ' {
            out.push('0');
            out.push(conv);
            start += 2;
        }
        width = (width - 2).max(0);
        len -= 2;
    }
    if width > len && !spec.left {
        out.extend(std::iter::repeat_n(fill, (width - len) as usize));
        width = len;
    }
    if fill == ' ' {
        if sign {
            out.push(sign_char);
        }
        if hex_prefix {
            out.push('0');
            out.push(conv);
            start += 2;
        }
    }
    let len = len.max(0) as usize;
    out.extend(chars.iter().skip(start).take(len));
    if width > len as i64 {
        out.extend(std::iter::repeat_n(' ', (width - len as i64) as usize));
    }
    out
}
