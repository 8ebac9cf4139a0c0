//! Float to text exactly as CPython's `PyOS_double_to_string` (Python/pystrtod.c).
//!
//! The digits come from Rust's formatter (shortest round-trip for repr, exact
//! decimal expansion with round-half-even for a fixed number of digits, which is
//! what David Gay's `_Py_dg_dtoa` produces); the layout (where the point goes,
//! padding zeros, when to switch to an exponent) is a port of
//! `format_float_short`.

/// Digits asked of the digit generator, like `_Py_dg_dtoa`'s modes 0, 2 and 3.
#[derive(Clone, Copy)]
enum DigitMode {
    /// Mode 0: the shortest string that reads back to the same float.
    Shortest,
    /// Mode 2: this many significant digits (at least 1).
    Significant(usize),
    /// Mode 3: this many digits after the decimal point.
    Fixed(usize),
}

/// A finite double has at most 767 significant digits and 1074 digits after the
/// point, so asking Rust for more than this only adds zeros (and Rust caps
/// precision at u16::MAX).
const EXACT_DIGITS_CAP: usize = 1100;

/// Digits of `|x|` without trailing zeros, and the position of the decimal point
/// relative to the first digit (`decpt`: value = 0.d1d2d3... × 10^decpt).
fn decimal_digits(x: f64, mode: DigitMode) -> (Vec<u8>, i64) {
    let x = x.abs();
    if x == 0.0 {
        return (vec![b'0'], 1);
    }
    let (mut digits, mut decpt) = match mode {
        DigitMode::Shortest => split_exponent(&format!("{:e}", x)),
        DigitMode::Significant(n) => {
            let n = n.clamp(1, EXACT_DIGITS_CAP);
            split_exponent(&format!("{:.*e}", n - 1, x))
        }
        DigitMode::Fixed(n) => {
            let n = n.min(EXACT_DIGITS_CAP);
            let text = format!("{:.*}", n, x);
            let int_len = text.find('.').unwrap_or(text.len()) as i64;
            let mut digits: Vec<u8> = text.bytes().filter(u8::is_ascii_digit).collect();
            let mut decpt = int_len;
            let leading = digits.iter().take_while(|&&d| d == b'0').count();
            digits.drain(..leading);
            decpt -= leading as i64;
            if digits.iter().all(|&d| d == b'0') {
                // Rounds to zero: dtoa returns no digits with decpt = -ndigits.
                return (Vec::new(), -(n as i64));
            }
            (digits, decpt)
        }
    };
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits.is_empty() {
        digits.push(b'0');
        decpt = 1;
    }
    (digits, decpt)
}

/// Splits Rust's `d.ddde±x` into digits and decpt.
fn split_exponent(text: &str) -> (Vec<u8>, i64) {
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let exponent = super::parse_i64(exponent).unwrap_or(0);
    (digits, exponent + 1)
}

/// Options of `PyOS_double_to_string` (the `Py_DTSF_*` flags).
#[derive(Clone, Copy, Default, Debug)]
pub struct DtoaFlags {
    /// Always write a sign (`Py_DTSF_SIGN`).
    pub sign: bool,
    /// Write `.0` after an integral value without exponent (`Py_DTSF_ADD_DOT_0`).
    pub add_dot_0: bool,
    /// Alternate form: keep the point and trailing zeros (`Py_DTSF_ALT`).
    pub alt: bool,
    /// Turn a negative zero result into a positive one (`Py_DTSF_NO_NEG_0`, `z`).
    pub no_neg_0: bool,
}

/// `PyOS_double_to_string(x, code, precision, flags)`: `code` is one of
/// `e E f F g G r` (`r` = repr, precision ignored).
pub fn double_to_string(x: f64, code: char, precision: usize, flags: DtoaFlags) -> String {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let mut out = String::new();
    let negative = x.is_sign_negative() && !x.is_nan();
    if !x.is_finite() {
        if negative {
            out.push('-');
        } else if flags.sign {
            out.push('+');
        }
        let word = if x.is_nan() { "nan" } else { "inf" };
        out.push_str(&if upper {
            word.to_ascii_uppercase()
        } else {
            word.to_string()
        });
        return out;
    }
    let (mode, precision) = match code {
        'e' => (
            DigitMode::Significant(precision.saturating_add(1)),
            precision.saturating_add(1),
        ),
        'f' => (DigitMode::Fixed(precision), precision),
        'g' => {
            let p = precision.max(1);
            (DigitMode::Significant(p), p)
        }
        _ => (DigitMode::Shortest, 0),
    };
    let (digits, decpt) = decimal_digits(x, mode);
    let is_zero = digits.is_empty() || digits == [b'0'];
    if negative && !(flags.no_neg_0 && is_zero) {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    layout(
        &mut out,
        &digits,
        decpt,
        code,
        precision as i64,
        flags,
        upper,
    );
    out
}

/// The second half of `format_float_short`: place digits, point, zeros, exponent.
fn layout(
    out: &mut String,
    digits: &[u8],
    mut decpt: i64,
    code: char,
    precision: i64,
    flags: DtoaFlags,
    upper: bool,
) {
    let digits_len = digits.len() as i64;
    let mut use_exp = false;
    let mut vdigits_end = digits_len;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && flags.add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }
    let zeros = |out: &mut String, n: i64| out.extend(std::iter::repeat_n('0', n.max(0) as usize));
    let text = |out: &mut String, d: &[u8]| out.extend(d.iter().map(|&b| b as char));

    if decpt <= 0 {
        zeros(out, decpt - vdigits_start);
        out.push('.');
        zeros(out, -decpt);
    } else {
        zeros(out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        let split = decpt as usize;
        text(out, &digits[..split]);
        out.push('.');
        text(out, &digits[split..]);
    } else {
        text(out, digits);
    }
    if digits_len < decpt {
        zeros(out, decpt - digits_len);
        out.push('.');
        zeros(out, vdigits_end - decpt);
    } else {
        zeros(out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let magnitude = exp.unsigned_abs();
        if magnitude < 10 {
            out.push('0');
        }
        out.push_str(&magnitude.to_string());
    }
}

/// `repr(x)` / `str(x)` of a float.
pub fn float_repr(x: f64) -> String {
    let flags = DtoaFlags {
        add_dot_0: true,
        ..DtoaFlags::default()
    };
    double_to_string(x, 'r', 0, flags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_layout() {
        let cases = [
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e-5, "1e-05"),
            (-0.0, "-0.0"),
            (3.0, "3.0"),
            (1.2345678901234567e20, "1.2345678901234567e+20"),
            (9999999999999998.0, "9999999999999998.0"),
            (0.0001, "0.0001"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (5e-324, "5e-324"),
        ];
        for (x, want) in cases {
            assert_eq!(float_repr(x), want, "repr({x:?})");
        }
    }

    #[test]
    fn fixed_rounds_half_even_on_exact_value() {
        let f = DtoaFlags::default();
        assert_eq!(double_to_string(0.125, 'f', 2, f), "0.12");
        assert_eq!(double_to_string(0.375, 'f', 2, f), "0.38");
        assert_eq!(double_to_string(2.675, 'f', 2, f), "2.67");
        assert_eq!(double_to_string(2.5, 'f', 0, f), "2");
        assert_eq!(double_to_string(0.001, 'f', 1, f), "0.0");
        assert_eq!(double_to_string(1.0, 'f', 2000, f).len(), 2002);
    }
}
