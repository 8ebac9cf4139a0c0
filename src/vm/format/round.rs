//! `round(x)` and `round(x, ndigits)` for floats, after CPython 3.11's
//! `float___round___impl` / `double_round` (Objects/floatobject.c): round the
//! exact binary value to `ndigits` decimal places, ties to even, then read
//! the decimal string back as the nearest double.

/// `round(x, ndigits)`. Error: CPython's OverflowError message
/// "rounded value too large to represent".
pub fn round_float(x: f64, ndigits: i64) -> Result<f64, String> {
    // Beyond these, x rounds to itself or to a signed zero (CPython's
    // NDIGITS_MAX / NDIGITS_MIN).
    if !x.is_finite() || ndigits > 323 {
        return Ok(x);
    }
    if ndigits < -308 {
        return Ok(0.0 * x);
    }
    // The exact decimal expansion: a double has at most 767 significant digits.
    let exact = format!("{:.800e}", x.abs());
    let (mantissa, exponent) = exact.split_once('e').unwrap_or((&exact, "0"));
    let mut digits: Vec<u8> = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|d| d - b'0')
        .collect();
    let exponent = super::parse_i64(exponent).unwrap_or(0);
    // digits[i] has weight 10^(exponent - i); keep those with weight >= 10^-ndigits.
    let keep = exponent + ndigits + 1;
    let rounded: String = if keep < 0 {
        "0".to_string()
    } else {
        let keep = keep as usize;
        let tail: Vec<u8> = digits.split_off(keep.min(digits.len()));
        let round_up = match tail.first() {
            Some(&d) if d > 5 => true,
            Some(&5) => {
                tail[1..].iter().any(|&d| d != 0) || digits.last().is_some_and(|d| d % 2 == 1)
            }
            _ => false,
        };
        let mut text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        if round_up {
            text = increment_decimal(&text);
        }
        if text.is_empty() {
            "0".to_string()
        } else {
            text
        }
    };
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let value =
        crate::python::parse_float(&format!("{sign}{rounded}e{}", -ndigits)).unwrap_or(f64::NAN);
    if value.is_infinite() {
        return Err("rounded value too large to represent".to_string());
    }
    Ok(value)
}

/// Adds one to a string of decimal digits ("" counts as 0).
fn increment_decimal(text: &str) -> String {
    // (Digits are ASCII: chars, not String::from_utf8 and its UTF-8 validation.)
    let mut digits: Vec<char> = text.chars().collect();
    for d in digits.iter_mut().rev() {
        if *d == '9' {
            *d = '0';
        } else {
            *d = char::from(*d as u8 + 1);
            return digits.into_iter().collect();
        }
    }
    let mut out = String::from("1");
    out.extend(digits);
    out
}

/// `round(x)` with no ndigits, before the conversion to int: nearest integer,
/// ties to even. The caller raises CPython's errors for non-finite x
/// ("cannot convert float infinity to integer" (OverflowError), "cannot
/// convert float NaN to integer" (ValueError)).
pub fn round_half_even(x: f64) -> f64 {
    let rounded = x.round();
    if (x - rounded).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        rounded
    }
}

#[cfg(test)]
mod increment_tests {
    #[test]
    fn increment_decimal_carries() {
        for (text, want) in [
            ("", "1"),
            ("0", "1"),
            ("9", "10"),
            ("199", "200"),
            ("1234", "1235"),
        ] {
            assert_eq!(super::increment_decimal(text), want);
        }
    }
}
