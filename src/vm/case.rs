//! Unicode case mapping for `str.lower()`, `upper()`, `title()`, ... with the
//! results of std's `str::to_lowercase` / `to_uppercase` (final sigma included)
//! but from packed run tables generated at build time (`case_tables_gen.rs`):
//! about a fifth of the wasm bytes of std's tables.

include!(concat!(env!("OUT_DIR"), "/case_tables.rs"));

/// One-to-one mapping of `c` by a run table, if it has one.
fn by_runs(runs: &[(u32, i32)], c: u32) -> Option<u32> {
    // The last run starting at or before c.
    let i = runs.partition_point(|&(packed, _)| packed & 0x1F_FFFF <= c);
    let (packed, delta) = *runs.get(i.checked_sub(1)?)?;
    let first = packed & 0x1F_FFFF;
    let count = (packed >> 21 & 0x3FF) + 1;
    let stride = if packed >> 31 == 1 { 2 } else { 1 };
    let k = c - first;
    if k % stride == 0 && k / stride < count {
        Some(c.wrapping_add_signed(delta))
    } else {
        None
    }
}

fn push_mapped(out: &mut String, c: char, runs: &[(u32, i32)], multi: &[(u32, [u32; 3])]) {
    let code = c as u32;
    if let Ok(i) = multi.binary_search_by_key(&code, |&(from, _)| from) {
        for &x in multi[i].1.iter().take_while(|&&x| x != 0) {
            out.extend(char::from_u32(x));
        }
        return;
    }
    out.push(by_runs(runs, code).and_then(char::from_u32).unwrap_or(c));
}

/// Appends `c.to_lowercase()`.
pub fn push_lower(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        push_mapped(out, c, &LOWER_RUNS, &LOWER_MULTI);
    }
}

/// Appends `c.to_uppercase()`.
pub fn push_upper(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
    } else {
        push_mapped(out, c, &UPPER_RUNS, &UPPER_MULTI);
    }
}

/// 2: case-ignorable, 1: cased, 0: neither (as the final-sigma rule sees it).
fn sigma_class(c: char) -> u32 {
    let code = c as u32;
    let (mut start, mut class, mut v, mut shift) = (0u32, 0u32, 0u32, 0u32);
    for &b in SIGMA_CLASS.iter() {
        v |= u32::from(b & 0x7F) << shift;
        shift += 7;
        if b & 0x80 == 0 {
            let next = start + (v >> 2);
            if next > code {
                break;
            }
            (start, class, v, shift) = (next, v & 3, 0, 0);
        }
    }
    class
}

/// Whether the first char that is not case-ignorable is cased.
fn ignorable_then_cased(mut chars: impl Iterator<Item = char>) -> bool {
    chars
        .find(|&c| sigma_class(c) != 2)
        .is_some_and(|c| sigma_class(c) == 1)
}

/// `s.to_lowercase()`: a capital sigma at the end of a word becomes `ς`.
pub fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c == 'Σ' {
            let word_final = ignorable_then_cased(s[..i].chars().rev())
                && !ignorable_then_cased(s[i + 'Σ'.len_utf8()..].chars());
            out.push(if word_final { 'ς' } else { 'σ' });
        } else {
            push_lower(&mut out, c);
        }
    }
    out
}

/// `s.to_uppercase()`.
pub fn upper(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_upper(&mut out, c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_char() -> impl Iterator<Item = char> {
        (0..=0x10FFFFu32).filter_map(char::from_u32)
    }

    #[test]
    fn every_char_maps_exactly_as_std_does() {
        for c in every_char() {
            let (mut lo, mut up) = (String::new(), String::new());
            push_lower(&mut lo, c);
            push_upper(&mut up, c);
            assert_eq!(lo, c.to_lowercase().collect::<String>(), "lower {c:?}");
            assert_eq!(up, c.to_uppercase().collect::<String>(), "upper {c:?}");
        }
    }

    #[test]
    fn strings_map_as_std_including_final_sigma() {
        let samples = [
            "",
            "Hello, World!",
            "ΟΔΟΣ",
            "ΟΔΟΣ.",
            "ΣΑΣ ΣΑΣ",
            "Σ",
            "AΣ",
            "AΣb",
            "AΣ'",
            "A'Σ",
            "A\u{301}Σ",
            "Σ\u{301}",
            "ß straße",
            "İstanbul",
            "ﬁne ǅ ᾈ",
            "ΌΣΟΙ ΣΑΣ",
            "𐐀𐐨 Ⴀ ⓐ",
            "a.Σ:b",
            "x\u{300}\u{300}Σ\u{300} y",
        ];
        for s in samples {
            assert_eq!(lower(s), s.to_lowercase(), "lower {s:?}");
            assert_eq!(upper(s), s.to_uppercase(), "upper {s:?}");
        }
        // A sigma after each char, and between each char and a letter (every char up
        // to U+2FFF: Latin, Greek, Cyrillic, combining marks, ...; a sample above).
        for c in every_char().filter(|&c| (c as u32) < 0x3000 || c as u32 % 97 == 0) {
            for s in [
                format!("A{c}Σ"),
                format!("{c}Σ"),
                format!("AΣ{c}"),
                format!("AΣ{c}b"),
            ] {
                assert_eq!(lower(&s), s.to_lowercase(), "lower {s:?}");
            }
        }
    }
}
