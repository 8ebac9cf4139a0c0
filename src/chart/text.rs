//! How text reads and how wide it is: time formatting, a width estimate, truncation.
//!
//! Width estimate (no font metrics exist in the engine or in a static SVG): lane
//! and await labels are set in a monospace font, where every character is 0.6 em
//! wide (Menlo, Consolas, DejaVu Sans Mono: 0.60–0.62 em); East Asian wide
//! characters and emoji count double. Proportional text (summary, axis) is
//! estimated at 0.58 em per character, a little over the average of sans-serif
//! fonts for mixed digits and lower case, so estimates err on the wide side.

use std::borrow::Cow;

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
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A number with up to `decimals` decimals, trailing zeros dropped: 1.50 → "1.5".
pub fn trim_num(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
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
    if t <= 0.0 || !t.is_finite() {
        "0 s".into()
    } else if t >= 1.0 {
        format!("{} s", trim_num(t, 3))
    } else {
        format!("{} ms", trim_num(t * 1000.0, 3))
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
