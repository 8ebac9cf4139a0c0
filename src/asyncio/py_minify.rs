//! Shrinks the Python prelude that ships inside the wasm: comments and trailing
//! whitespace go, every line stays where it was (so line numbers in prelude frames,
//! e.g. `repr(task)` of a prelude coroutine, still point into the source files).
//! Used by `build.rs` on `src/asyncio/prelude/*.py` and `src/vm/pylib/*.py`; the
//! tests below and `every_minified_prelude_file_has_the_same_ast` check that the
//! parsed program is unchanged.

/// The source without comments and trailing whitespace; same lines, same columns
/// for all code. Strings (any prefix, single or triple quoted, f-strings) are
/// copied verbatim, so a `#` inside one is kept.
pub fn minify(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    // The current line's kept text; trailing whitespace is trimmed when it ends.
    let mut line = String::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                out.push_str(line.trim_end());
                out.push('\n');
                line.clear();
                i += 1;
            }
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' | b'\'' => {
                let end = string_end(b, i);
                // A string spans lines verbatim: flush what came before it as is.
                let text = &src[i..end];
                if let Some(last_nl) = text.rfind('\n') {
                    out.push_str(&line);
                    out.push_str(&text[..=last_nl]);
                    line.clear();
                    line.push_str(&text[last_nl + 1..]);
                } else {
                    line.push_str(text);
                }
                i = end;
            }
            _ => {
                // Copy one whole UTF-8 character (prefix letters like r/b/f included).
                let len = utf8_len(c);
                line.push_str(&src[i..(i + len).min(b.len())]);
                i += len;
            }
        }
    }
    out.push_str(line.trim_end());
    out
}

/// Index just past the string literal whose opening quote is at `start`. A prefix
/// letter before the quote was already copied; whether the string is raw does not
/// matter here, because a backslash never ends a string in either kind.
fn string_end(b: &[u8], start: usize) -> usize {
    let q = b[start];
    let triple = b.len() >= start + 3 && b[start + 1] == q && b[start + 2] == q;
    let mut i = start + if triple { 3 } else { 1 };
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == q => {
                if !triple {
                    return i + 1;
                }
                if b.len() >= i + 3 && b[i + 1] == q && b[i + 2] == q {
                    return i + 3;
                }
                i += 1;
            }
            // An unterminated one-line string ends at the line end (the parser reports it).
            b'\n' if !triple => return i,
            _ => i += 1,
        }
    }
    b.len()
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::minify;

    #[test]
    fn comments_and_trailing_spaces_go_lines_stay() {
        let src = "# header\nx = 1  # one\n\n    # indented comment\ndef f():   \n    return x\n";
        assert_eq!(minify(src), "\nx = 1\n\n\ndef f():\n    return x\n");
    }

    #[test]
    fn a_hash_inside_any_string_is_kept() {
        let src = "a = '#' # c\nb = \"x#y\"\nc = f'{a}#{b!r:>3}'  # c\nd = rb'\\'#'\n";
        assert_eq!(
            minify(src),
            "a = '#'\nb = \"x#y\"\nc = f'{a}#{b!r:>3}'\nd = rb'\\'#'\n"
        );
    }

    #[test]
    fn triple_quoted_strings_are_copied_verbatim_across_lines() {
        let src =
            "s = \"\"\"one # not a comment   \n  'two' \"\" \\\"\"\" three\"\"\"  # c\nt = 1\n";
        assert_eq!(
            minify(src),
            "s = \"\"\"one # not a comment   \n  'two' \"\" \\\"\"\" three\"\"\"\nt = 1\n"
        );
    }

    #[test]
    fn unterminated_strings_and_non_ascii_do_not_panic() {
        assert_eq!(minify("x = 'abc\ny = 'é' # ü\n"), "x = 'abc\ny = 'é'\n");
        assert_eq!(
            minify("s = \"\"\"never closed # x"),
            "s = \"\"\"never closed # x"
        );
        assert_eq!(minify("ü = 1 # ß"), "ü = 1");
    }
}
