//! `%`-formatting (`'%5.2f' % x`), after CPython 3.11's Objects/unicodeobject.c
//! (`unicode_format_arg_parse`, `_PyUnicode_FormatLong`, `formatfloat`,
//! `unicode_format_arg_output`).
//!
//! [`format_percent`] runs a whole `%` operation in CPython's order, asking the
//! VM for arguments through [`PercentArgs`]; the VM converts each value
//! (`str()`/`repr()`/`ascii()` for `s r a`, `int()` for integer codes on
//! floats, the one character for `c`) and calls the `format_percent_*`
//! function that fits. [`parse_percent_template`] only parses. Errors from
//! this module are ValueErrors.

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
    /// One of `s r a d i u o x X e E f F g G c` (anything else is an error that
    /// [`format_percent`] raises after taking the argument).
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

    /// The width, or -1 when there is none (or it is still `*`).
    pub fn width(&self) -> i64 {
        match self.width {
            PercentNum::Fixed(w) => w as i64,
            _ => -1,
        }
    }

    /// The precision, or -1 when there is none (or it is still `*`).
    pub fn precision(&self) -> i64 {
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

/// Parses a `%` template into literal text and conversions, failing on the
/// first syntax error. CPython meets argument errors (`not enough arguments`,
/// `format requires a mapping`, a missing key) while parsing and may raise one
/// of those first: [`format_percent`] keeps that order.
pub fn parse_percent_template(template: &str) -> Result<Vec<PercentPiece>, String> {
    let mut pieces = Vec::new();
    let mut events = NoArguments;
    walk_template(template, &mut events, |piece, _| {
        if let PercentPiece::Spec(spec) = &piece {
            if let Some(message) = unsupported(spec) {
                return Err(message);
            }
        }
        pieces.push(piece);
        Ok(())
    })?;
    Ok(pieces)
}

/// The arguments of one `%` operation, as [`format_percent`] asks for them.
/// CPython's state: a tuple gives its items in turn; any other right operand
/// is the single argument (usable once), and a mapping also serves `%(key)`.
pub trait PercentArgs {
    type Value;
    type Error;
    /// A ValueError with this message.
    fn value_error(&mut self, message: String) -> Self::Error;
    /// A `%(` was met: TypeError "format requires a mapping" unless the right
    /// operand is a mapping (not a tuple or str).
    fn require_mapping(&mut self) -> Result<(), Self::Error>;
    /// `%(key)`: `mapping[key]` (KeyError), which becomes the single argument.
    fn select_key(&mut self, key: &str) -> Result<(), Self::Error>;
    /// The next argument (TypeError "not enough arguments for format string").
    fn next_value(&mut self) -> Result<Self::Value, Self::Error>;
    /// The next argument as a `*` width or precision (as `next_value`, then
    /// TypeError "* wants int" for a non-int).
    fn next_star(&mut self) -> Result<i64, Self::Error>;
    /// Converts one value for the spec's conversion (`str()`, `repr()`,
    /// `int()`...) and formats it with `format_percent_{int,float,str}`.
    fn render(&mut self, value: Self::Value, spec: &PercentSpec) -> Result<String, Self::Error>;
    /// After the template: TypeError "not all arguments converted during
    /// string formatting" if positional arguments are left over (never for a
    /// mapping).
    fn finish(&mut self) -> Result<(), Self::Error>;
}

/// `template % args`, raising every error where CPython raises it.
pub fn format_percent<A: PercentArgs>(template: &str, args: &mut A) -> Result<String, A::Error> {
    let mut out = String::new();
    let mut events = WithArguments(args);
    walk_template(template, &mut events, |piece, events| {
        match piece {
            PercentPiece::Literal(text) => out.push_str(&text),
            PercentPiece::Spec(spec) => {
                let value = events.0.next_value()?;
                if let Some(message) = unsupported(&spec) {
                    return Err(events.0.value_error(message));
                }
                out.push_str(&events.0.render(value, &spec)?);
            }
        }
        Ok(())
    })?;
    args.finish()?;
    Ok(out)
}

/// What the parser needs from the arguments while it reads one spec.
trait SpecEvents {
    type Error;
    fn value_error(&mut self, message: String) -> Self::Error;
    fn key_starts(&mut self) -> Result<(), Self::Error>;
    fn key(&mut self, key: &str) -> Result<(), Self::Error>;
    /// The value of a `*`, or `None` to leave it as [`PercentNum::Star`].
    fn star(&mut self) -> Result<Option<i64>, Self::Error>;
}

/// Parsing alone: no argument is consulted.
struct NoArguments;

impl SpecEvents for NoArguments {
    type Error = String;
    fn value_error(&mut self, message: String) -> String {
        message
    }
    fn key_starts(&mut self) -> Result<(), String> {
        Ok(())
    }
    fn key(&mut self, _key: &str) -> Result<(), String> {
        Ok(())
    }
    fn star(&mut self) -> Result<Option<i64>, String> {
        Ok(None)
    }
}

struct WithArguments<'a, A: PercentArgs>(&'a mut A);

impl<A: PercentArgs> SpecEvents for WithArguments<'_, A> {
    type Error = A::Error;
    fn value_error(&mut self, message: String) -> A::Error {
        self.0.value_error(message)
    }
    fn key_starts(&mut self) -> Result<(), A::Error> {
        self.0.require_mapping()
    }
    fn key(&mut self, key: &str) -> Result<(), A::Error> {
        self.0.select_key(key)
    }
    fn star(&mut self) -> Result<Option<i64>, A::Error> {
        self.0.next_star().map(Some)
    }
}

/// Walks the template, handing each literal run and each spec to `emit` as
/// soon as it is complete (so argument errors come in CPython's order).
fn walk_template<E: SpecEvents>(
    template: &str,
    events: &mut E,
    mut emit: impl FnMut(PercentPiece, &mut E) -> Result<(), E::Error>,
) -> Result<(), E::Error> {
    let chars: Vec<char> = template.chars().collect();
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
        if !literal.is_empty() {
            emit(PercentPiece::Literal(std::mem::take(&mut literal)), events)?;
        }
        let spec = parse_one(&chars, &mut pos, events)?;
        emit(PercentPiece::Spec(spec), events)?;
    }
    if !literal.is_empty() {
        emit(PercentPiece::Literal(literal), events)?;
    }
    Ok(())
}

/// CPython's error for a conversion character it does not know.
fn unsupported(spec: &PercentSpec) -> Option<String> {
    let c = spec.conversion;
    let known = "sradiuoxXeEfFgGc".contains(c);
    let code = c as u32;
    let shown = if (31..=126).contains(&code) { c } else { '?' };
    (!known).then(|| {
        format!(
            "unsupported format character '{shown}' (0x{code:x}) at index {}",
            spec.index
        )
    })
}

/// One conversion; `pos` is just after the `%`.
fn parse_one<E: SpecEvents>(
    chars: &[char],
    pos: &mut usize,
    events: &mut E,
) -> Result<PercentSpec, E::Error> {
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
        events.key_starts()?;
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
            return Err(events.value_error("incomplete format key".to_string()));
        }
        let key: String = chars[start..i].iter().collect();
        events.key(&key)?;
        spec.key = Some(key);
        *pos = i + 1;
    }
    let next = |pos: &mut usize, events: &mut E| -> Result<char, E::Error> {
        let c = chars.get(*pos).copied();
        *pos += 1;
        c.ok_or_else(|| events.value_error("incomplete format".to_string()))
    };
    let mut c = next(pos, events)?;
    loop {
        match c {
            '-' => spec.left = true,
            '+' => spec.plus = true,
            ' ' => spec.space = true,
            '#' => spec.alt = true,
            '0' => spec.zero = true,
            _ => break,
        }
        c = next(pos, events)?;
    }
    if c == '*' {
        spec.width = PercentNum::Star;
        if let Some(value) = events.star()? {
            spec.set_star_width(value)
                .map_err(|m| events.value_error(m))?;
        }
        c = next(pos, events)?;
    } else if c.is_ascii_digit() {
        let mut width = 0usize;
        while let Some(d) = c.to_digit(10) {
            width = width * 10 + d as usize;
            if width > MAX_WIDTH {
                return Err(events.value_error("width too big".to_string()));
            }
            c = next(pos, events)?;
        }
        spec.width = PercentNum::Fixed(width);
    }
    if c == '.' {
        c = next(pos, events)?;
        if c == '*' {
            spec.precision = PercentNum::Star;
            if let Some(value) = events.star()? {
                spec.set_star_precision(value)
                    .map_err(|m| events.value_error(m))?;
            }
            c = next(pos, events)?;
        } else {
            let mut precision = 0usize;
            while let Some(d) = c.to_digit(10) {
                precision = precision * 10 + d as usize;
                if precision > MAX_WIDTH {
                    return Err(events.value_error("precision too big".to_string()));
                }
                c = next(pos, events)?;
            }
            spec.precision = PercentNum::Fixed(precision);
        }
    }
    if matches!(c, 'h' | 'l' | 'L') {
        c = next(pos, events)?;
    }
    spec.index = *pos - 1;
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
