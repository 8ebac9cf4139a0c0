//! How text reads and how wide it is: time formatting, a width estimate, truncation.
//!
//! Width estimate (no font metrics exist in the engine or in a static SVG): lane
//! and await labels are set in a monospace font, where every character is 0.6 em
//! wide (Menlo, Consolas, DejaVu Sans Mono: 0.60–0.62 em); East Asian wide
//! characters and emoji count double. Proportional text (summary, axis) is
//! estimated at 0.58 em per character, a little over the average of sans-serif
//! fonts for mixed digits and lower case, so estimates err on the wide side.

use std::borrow::Cow;
use std::fmt;

/// Em width of one monospace character.
pub const MONO_EM: f64 = 0.6;
/// Average em width of one proportional (sans-serif) character.
pub const SANS_EM: f64 = 0.58;

/// Width in "narrow character" units: 2 for wide (CJK, emoji) characters, 1 otherwise.
fn units(c: char) -> usize {
    let u = c as u32;
    let wide = matches!(u, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1FAFF | 0x20000..=0x3FFFD);
    1 + wide as usize
}

/// Estimated width in pixels of `s` set in a font of `font_px` (`em` = [`MONO_EM`] or [`SANS_EM`]).
pub fn width(s: &str, font_px: f64, em: f64) -> f64 {
    s.chars().map(units).sum::<usize>() as f64 * em * font_px
}

/// `s` cut to fit `max_px` (monospace, `font_px`), ending with "…" when cut;
/// `None` when not even one character and the ellipsis fit.
pub fn fit(s: &str, max_px: f64, font_px: f64) -> Option<Cow<'_, str>> {
    let unit = MONO_EM * font_px;
    let room = (max_px / unit).floor();
    if room < 1.0 {
        return None;
    }
    let room = room as usize;
    let mut used = 0;
    for (i, c) in s.char_indices() {
        used += units(c);
        if used > room {
            // Cut here, leaving one unit for the ellipsis.
            let mut end = i;
            let mut w = used - units(c);
            while w + 1 > room {
                let (j, p) = s[..end].char_indices().next_back()?;
                end = j;
                w -= units(p);
            }
            if end == 0 {
                return None;
            }
            return Some(Cow::Owned(format!("{}…", s[..end].trim_end())));
        }
    }
    Some(Cow::Borrowed(s))
}

/// `s` broken at spaces into lines no wider than `max_px` (proportional font of
/// `font_px`); a word longer than a line stays whole on its own line.
pub fn wrap(s: &str, max_px: f64, font_px: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in s.split(' ') {
        if !cur.is_empty()
            && width(&cur, font_px, SANS_EM) + width(word, font_px, SANS_EM) + font_px * SANS_EM
                > max_px
        {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    lines.push(cur);
    lines
}

/// `s` cut to at most `max` characters (with "…"), to bound memory and tooltips.
pub fn cap(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string(); // no more characters than bytes: nothing to cut
    }
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A number with up to `decimals` decimals, trailing zeros dropped: 1.50 → "1.5".
pub fn trim_num(x: f64, decimals: u32) -> String {
    let mut s = String::new();
    let _ = write_fixed(&mut s, x, decimals);
    s
}

/// Writes `x` rounded to `decimals` decimals, trailing zeros dropped. Integer
/// arithmetic: std's exact float formatting is the slowest part of a big SVG.
pub fn write_fixed(o: &mut impl fmt::Write, x: f64, decimals: u32) -> fmt::Result {
    let decimals = decimals.min(9);
    let scale = 10u64.pow(decimals);
    let r = (x * scale as f64).round();
    if r.is_nan() || r.abs() >= 9e15 {
        return write!(o, "{x:.0}"); // huge (or NaN): no decimals worth showing
    }
    if r < 0.0 {
        o.write_char('-')?;
    }
    let r = r.abs() as u64;
    let (int, mut frac, mut d) = (r / scale, r % scale, decimals as usize);
    write!(o, "{int}")?;
    if frac > 0 {
        while frac % 10 == 0 {
            frac /= 10;
            d -= 1;
        }
        write!(o, ".{frac:0d$}")?;
    }
    Ok(())
}

/// A duration for the summary: "2.0 s", "250 ms", "1.5 ms", "0 s".
pub fn secs(t: f64) -> String {
    let ms = t * 1000.0;
    if t <= 0.0 || !t.is_finite() {
        "0 s".into()
    } else if ms.round() >= 1000.0 {
        format!("{t:.1} s")
    } else if ms >= 10.0 {
        format!("{ms:.0} ms")
    } else if ms >= 0.1 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.0} µs", ms * 1000.0)
    }
}

/// An instant or duration for tooltips and tables, as precise as the clock
/// makes sense: "1.25 s", "250 ms", "0.5 ms", "0 s".
pub fn at(t: f64) -> String {
    At(t).to_string()
}

/// [`at`] as a `Display`, formatting without allocating (tooltips are many).
#[derive(Clone, Copy)]
pub struct At(pub f64);

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        if t <= 0.0 || !t.is_finite() {
            return f.write_str("0 s");
        }
        let (v, unit) = if t >= 1.0 {
            (t, " s")
        } else {
            (t * 1000.0, " ms")
        };
        write_fixed(f, v, 3)?;
        f.write_str(unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_labels_with_an_ellipsis() {
        // 12 px monospace: 7.2 px per character.
        assert_eq!(fit("sleep(1)", 100.0, 12.0).as_deref(), Some("sleep(1)"));
        assert_eq!(
            fit("sleep(1)", 8.0 * 7.2, 12.0).as_deref(),
            Some("sleep(1)")
        );
        assert_eq!(fit("sleep(1)", 5.0 * 7.2, 12.0).as_deref(), Some("slee…"));
        assert_eq!(fit("sleep(1)", 7.0, 12.0), None);
        assert_eq!(
            fit("sleep(1)", 8.0, 12.0),
            None,
            "an ellipsis alone is no label"
        );
        // Wide characters count double.
        assert_eq!(fit("日本語です", 5.0 * 7.2, 12.0).as_deref(), Some("日本…"));
        assert!(width("日本", 12.0, MONO_EM) > width("ab", 12.0, MONO_EM));
    }

    #[test]
    fn formats_times() {
        assert_eq!(secs(2.0), "2.0 s");
        assert_eq!(secs(0.25), "250 ms");
        assert_eq!(secs(0.9999), "1.0 s");
        assert_eq!(secs(0.0015), "1.5 ms");
        assert_eq!(secs(0.0), "0 s");
        assert_eq!(at(1.25), "1.25 s");
        assert_eq!(at(0.5), "500 ms");
        assert_eq!(at(3.0), "3 s");
        assert_eq!(at(f64::NAN), "0 s");
        assert_eq!(at(100.0), "100 s");
        assert_eq!(at(1e300).len(), 303, "huge: still formatted");
        assert_eq!(trim_num(2.5, 1), "2.5");
        assert_eq!(trim_num(-1.25, 3), "-1.25");
        assert_eq!(trim_num(0.30000000000000004, 3), "0.3");
        assert_eq!(trim_num(f64::NAN, 1), "NaN");
        assert_eq!(cap("abcdef", 3), "abc…");
        assert_eq!(cap("abc", 3), "abc");
        assert_eq!(trim_num(-0.0001, 2), "0");
    }

    #[test]
    fn wraps_at_spaces() {
        let s = "2.0 s concurrent vs 3.0 s sequential — 1.5× faster";
        assert_eq!(wrap(s, 1000.0, 15.0), [s]);
        let lines = wrap(s, 200.0, 15.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), s);
        assert!(lines.iter().all(|l| width(l, 15.0, SANS_EM) <= 200.0));
    }
}
