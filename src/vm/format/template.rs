//! `str.format` templates, after CPython 3.11's Objects/stringlib/unicode_format.h.
//!
//! Everything is parsed up front, so every error here is a ValueError with
//! CPython's message. One difference in order only: CPython finds template
//! errors lazily while rendering, so a `KeyError`/`IndexError` for an earlier
//! field would be raised before a syntax error later in the template; here the
//! syntax error wins. Automatic numbering (`{}`) is resolved here.

/// What a field names before any `.attr` / `[key]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldKey {
    /// A positional argument: `{0}`, or `{}` numbered automatically.
    Index(usize),
    /// A keyword argument: `{name}`.
    Name(String),
}

/// One `.attr` or `[key]` step after the first part of a field name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldAccess {
    /// `.name`: getattr.
    Attr(String),
    /// `[3]`: getitem with an int (digits only).
    Index(usize),
    /// `[key]`: getitem with the str `key` (no quotes are stripped).
    Key(String),
}

/// A piece of a parsed template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatPiece {
    Literal(String),
    Field {
        /// The field name as written, with an automatic number filled in:
        /// `{}` → `"0"`, `{.real}` → `"0.real"`.
        name: String,
        key: FieldKey,
        path: Vec<FieldAccess>,
        /// `'r'`, `'s'` or `'a'` (anything else was rejected).
        conversion: Option<char>,
        /// The spec text as written (may contain `{nested}` fields).
        spec: String,
        /// `Some(pieces)` when the spec holds nested fields: the spec to use is
        /// the concatenation of the rendered pieces (whose own `nested` is
        /// always `None`). `None`: use `spec` as is.
        nested: Option<Vec<FormatPiece>>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Numbering {
    Unset,
    Auto,
    Manual,
}

struct State {
    numbering: Numbering,
    next_auto: usize,
}

/// Parses a `str.format` template.
pub fn parse_format_template(template: &str) -> Result<Vec<FormatPiece>, String> {
    let chars: Vec<char> = template.chars().collect();
    let mut state = State {
        numbering: Numbering::Unset,
        next_auto: 0,
    };
    parse_markup(&chars, &mut state, 2)
}

fn parse_markup(chars: &[char], state: &mut State, depth: u32) -> Result<Vec<FormatPiece>, String> {
    if depth == 0 {
        return Err("Max string recursion exceeded".to_string());
    }
    let mut pieces: Vec<FormatPiece> = Vec::new();
    let mut pos = 0;
    let end = chars.len();
    while pos < end {
        // MarkupIterator_next: literal text up to the first '{' or '}'.
        let start = pos;
        let mut c = '\0';
        let mut markup_follows = false;
        while pos < end {
            c = chars[pos];
            pos += 1;
            if c == '{' || c == '}' {
                markup_follows = true;
                break;
            }
        }
        let at_end = pos >= end;
        let mut len = pos - start;
        if c == '}' && markup_follows && (at_end || chars[pos] != '}') {
            return Err("Single '}' encountered in format string".to_string());
        }
        if at_end && c == '{' && markup_follows {
            return Err("Single '{' encountered in format string".to_string());
        }
        if !at_end && markup_follows {
            if chars[pos] == c {
                pos += 1; // An escaped brace: the literal keeps one.
                markup_follows = false;
            } else {
                len -= 1;
            }
        }
        if len > 0 {
            let text: String = chars[start..start + len].iter().collect();
            match pieces.last_mut() {
                Some(FormatPiece::Literal(prev)) => prev.push_str(&text),
                _ => pieces.push(FormatPiece::Literal(text)),
            }
        }
        if markup_follows {
            pieces.push(parse_field(chars, &mut pos, state, depth)?);
        }
    }
    Ok(pieces)
}

/// `parse_field`: `pos` is just after the opening `{`.
fn parse_field(
    chars: &[char],
    pos: &mut usize,
    state: &mut State,
    depth: u32,
) -> Result<FormatPiece, String> {
    let end = chars.len();
    let name_start = *pos;
    let mut c = '\0';
    while *pos < end {
        c = chars[*pos];
        *pos += 1;
        match c {
            '{' => return Err("unexpected '{' in field name".to_string()),
            '[' => {
                while *pos < end && chars[*pos] != ']' {
                    *pos += 1;
                }
                continue;
            }
            '}' | ':' | '!' => break,
            _ => continue,
        }
    }
    // Those three characters always end the loop (a '[' run cannot end on them).
    let terminated = matches!(c, '}' | ':' | '!');
    let name_end = if terminated { *pos - 1 } else { *pos };
    let name: String = chars[name_start..name_end].iter().collect();
    let mut conversion = None;
    let mut spec_chars: &[char] = &[];
    let mut needs_expanding = false;
    if terminated && (c == '!' || c == ':') {
        let mut spec_follows = true;
        if c == '!' {
            if *pos >= end {
                return Err("end of string while looking for conversion specifier".to_string());
            }
            conversion = Some(chars[*pos]);
            *pos += 1;
            if *pos < end {
                let next = chars[*pos];
                *pos += 1;
                if next == '}' {
                    spec_follows = false;
                } else if next != ':' {
                    return Err("expected ':' after conversion specifier".to_string());
                }
            }
        }
        if spec_follows {
            let spec_start = *pos;
            let mut count = 1;
            let mut closed = false;
            while *pos < end {
                let ch = chars[*pos];
                *pos += 1;
                if ch == '{' {
                    needs_expanding = true;
                    count += 1;
                } else if ch == '}' {
                    count -= 1;
                    if count == 0 {
                        spec_chars = &chars[spec_start..*pos - 1];
                        closed = true;
                        break;
                    }
                }
            }
            if !closed {
                return Err("unmatched '{' in format spec".to_string());
            }
        }
    } else if !(terminated && c == '}') {
        return Err("expected '}' before end of string".to_string());
    }

    let (key, path, name) = split_field_name(&name, state)?;
    if let Some(conv) = conversion {
        if !matches!(conv, 'r' | 's' | 'a') {
            let code = conv as u32;
            return Err(if code > 32 && code < 127 {
                format!("Unknown conversion specifier {conv}")
            } else {
                format!("Unknown conversion specifier \\x{code:x}")
            });
        }
    }
    let nested = if needs_expanding {
        Some(parse_markup(spec_chars, state, depth - 1)?)
    } else {
        None
    };
    Ok(FormatPiece::Field {
        name,
        key,
        path,
        conversion,
        spec: spec_chars.iter().collect(),
        nested,
    })
}

/// Digits only → a number, like CPython's `get_integer` in unicode_format.h.
fn integer(text: &str) -> Result<Option<usize>, String> {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    text.parse::<usize>()
        .map(Some)
        .map_err(|_| "Too many decimal digits in format string".to_string())
}

/// `field_name_split` + `FieldNameIterator`: key, accessors, and the name with
/// automatic numbering filled in.
fn split_field_name(
    name: &str,
    state: &mut State,
) -> Result<(FieldKey, Vec<FieldAccess>, String), String> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let (first, rest) = name.split_at(first_end);
    let index = integer(first)?;
    let key = if first.is_empty() || index.is_some() {
        let auto = first.is_empty();
        if state.numbering == Numbering::Unset {
            state.numbering = if auto {
                Numbering::Auto
            } else {
                Numbering::Manual
            };
        }
        if state.numbering == Numbering::Manual && auto {
            return Err(
                "cannot switch from manual field specification to automatic field numbering"
                    .to_string(),
            );
        }
        if state.numbering == Numbering::Auto && !auto {
            return Err(
                "cannot switch from automatic field numbering to manual field specification"
                    .to_string(),
            );
        }
        let n = match index {
            Some(n) => n,
            None => {
                state.next_auto += 1;
                state.next_auto - 1
            }
        };
        FieldKey::Index(n)
    } else {
        FieldKey::Name(first.to_string())
    };
    let mut path = Vec::new();
    let rest: Vec<char> = rest.chars().collect();
    let mut pos = 0;
    while pos < rest.len() {
        let kind = rest[pos];
        pos += 1;
        let start = pos;
        let text: String;
        match kind {
            '.' => {
                while pos < rest.len() && rest[pos] != '.' && rest[pos] != '[' {
                    pos += 1;
                }
                text = rest[start..pos].iter().collect();
            }
            '[' => {
                while pos < rest.len() && rest[pos] != ']' {
                    pos += 1;
                }
                if pos >= rest.len() {
                    return Err("Missing ']' in format string".to_string());
                }
                text = rest[start..pos].iter().collect();
                pos += 1;
            }
            _ => return Err("Only '.' or '[' may follow ']' in format field specifier".to_string()),
        }
        if text.is_empty() {
            return Err("Empty attribute in format string".to_string());
        }
        path.push(match kind {
            '.' => FieldAccess::Attr(text),
            _ => match integer(&text)? {
                Some(n) => FieldAccess::Index(n),
                None => FieldAccess::Key(text),
            },
        });
    }
    let full_name = match &key {
        FieldKey::Index(n) if first.is_empty() => format!("{n}{}", rest.iter().collect::<String>()),
        _ => name.to_string(),
    };
    Ok((key, path, full_name))
}
