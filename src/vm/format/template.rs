//! `str.format` templates, after CPython 3.11's Objects/stringlib/unicode_format.h.
//!
//! Every error here is a ValueError with CPython's message. CPython finds them
//! lazily while rendering, so a `KeyError` for an earlier field comes before a
//! syntax error later on. [`parse_format_template_ordered`] keeps that order:
//! errors are pieces ([`FormatPiece::Error`], [`FieldAccess::Invalid`]) to raise
//! when rendering reaches them. [`parse_format_template`] reports the first
//! error up front instead. Automatic numbering (`{}`) is resolved here.

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
    /// Raise this ValueError when the walk gets here (after the steps before
    /// it). Always last; also used for a bad `!conversion`, which CPython
    /// checks right after the lookup.
    Invalid(String),
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
    /// Raise this ValueError when rendering gets here; nothing follows it.
    Error(String),
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

/// Parses a `str.format` template, failing on its first error (in CPython's
/// order). On success no piece is an error.
pub fn parse_format_template(template: &str) -> Result<Vec<FormatPiece>, String> {
    let pieces = parse_format_template_ordered(template);
    match first_error(&pieces) {
        Some(message) => Err(message.to_string()),
        None => Ok(pieces),
    }
}

/// Parses a `str.format` template; errors are pieces, so the caller raises
/// them exactly when CPython would (after rendering what comes before).
pub fn parse_format_template_ordered(template: &str) -> Vec<FormatPiece> {
    let chars: Vec<char> = template.chars().collect();
    let mut state = State {
        numbering: Numbering::Unset,
        next_auto: 0,
    };
    parse_markup(&chars, &mut state, 2)
}

fn first_error(pieces: &[FormatPiece]) -> Option<&str> {
    pieces.iter().find_map(|piece| match piece {
        FormatPiece::Error(message) => Some(message.as_str()),
        FormatPiece::Field { path, nested, .. } => path
            .iter()
            .find_map(|step| match step {
                FieldAccess::Invalid(message) => Some(message.as_str()),
                _ => None,
            })
            .or_else(|| nested.as_deref().and_then(first_error)),
        FormatPiece::Literal(_) => None,
    })
}

fn parse_markup(chars: &[char], state: &mut State, depth: u32) -> Vec<FormatPiece> {
    let mut pieces: Vec<FormatPiece> = Vec::new();
    if depth == 0 {
        pieces.push(FormatPiece::Error(
            "Max string recursion exceeded".to_string(),
        ));
        return pieces;
    }
    if let Err(message) = markup_pieces(chars, state, depth, &mut pieces) {
        pieces.push(FormatPiece::Error(message));
    }
    pieces
}

/// `MarkupIterator_next` in a loop, appending to `pieces` until the end or an error.
fn markup_pieces(
    chars: &[char],
    state: &mut State,
    depth: u32,
    pieces: &mut Vec<FormatPiece>,
) -> Result<(), String> {
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
            let piece = parse_field(chars, &mut pos, state, depth)?;
            let stop = matches!(piece, FormatPiece::Error(_));
            pieces.push(piece);
            if stop {
                return Ok(());
            }
        }
    }
    Ok(())
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

    // Errors from here on are CPython's rendering-time errors.
    let (key, mut path, name) = match split_field_name(&name, state) {
        Ok(split) => split,
        Err(message) => return Ok(FormatPiece::Error(message)),
    };
    if let Some(conv) = conversion {
        let valid = matches!(conv, 'r' | 's' | 'a');
        let path_ok = !matches!(path.last(), Some(FieldAccess::Invalid(_)));
        if !valid && path_ok {
            let code = conv as u32;
            path.push(FieldAccess::Invalid(if code > 32 && code < 127 {
                format!("Unknown conversion specifier {conv}")
            } else {
                format!("Unknown conversion specifier \\x{code:x}")
            }));
        }
    }
    let nested = if needs_expanding {
        Some(parse_markup(spec_chars, state, depth - 1))
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
                    path.push(FieldAccess::Invalid(
                        "Missing ']' in format string".to_string(),
                    ));
                    break;
                }
                text = rest[start..pos].iter().collect();
                pos += 1;
            }
            _ => {
                let message = "Only '.' or '[' may follow ']' in format field specifier";
                path.push(FieldAccess::Invalid(message.to_string()));
                break;
            }
        }
        let step = match (kind, integer(&text)) {
            (_, _) if text.is_empty() => {
                FieldAccess::Invalid("Empty attribute in format string".to_string())
            }
            ('.', _) => FieldAccess::Attr(text),
            (_, Ok(Some(n))) => FieldAccess::Index(n),
            (_, Ok(None)) => FieldAccess::Key(text),
            (_, Err(message)) => FieldAccess::Invalid(message),
        };
        let stop = matches!(step, FieldAccess::Invalid(_));
        path.push(step);
        if stop {
            break;
        }
    }
    let full_name = match &key {
        FieldKey::Index(n) if first.is_empty() => format!("{n}{}", rest.iter().collect::<String>()),
        _ => name.to_string(),
    };
    Ok((key, path, full_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(piece: &FormatPiece) -> (&str, &FieldKey, &[FieldAccess], Option<char>, &str, bool) {
        match piece {
            FormatPiece::Field {
                name,
                key,
                path,
                conversion,
                spec,
                nested,
            } => (name, key, path, *conversion, spec, nested.is_some()),
            other => panic!("not a field: {other:?}"),
        }
    }

    #[test]
    fn automatic_numbers_are_filled_in_outer_first() {
        let pieces = parse_format_template("a{.real!r:>{}}b{[2]}").unwrap();
        assert_eq!(pieces[0], FormatPiece::Literal("a".into()));
        let (name, key, path, conv, spec, nested) = field(&pieces[1]);
        assert_eq!(
            (name, key, conv, spec, nested),
            ("0.real", &FieldKey::Index(0), Some('r'), ">{}", true)
        );
        assert_eq!(path, [FieldAccess::Attr("real".into())]);
        let FormatPiece::Field {
            nested: Some(inner),
            ..
        } = &pieces[1]
        else {
            unreachable!()
        };
        assert_eq!(inner[0], FormatPiece::Literal(">".into()));
        assert_eq!(field(&inner[1]).1, &FieldKey::Index(1));
        let (name, key, path, ..) = field(&pieces[3]);
        assert_eq!((name, key), ("2[2]", &FieldKey::Index(2)));
        assert_eq!(path, [FieldAccess::Index(2)]);
    }

    #[test]
    fn names_and_string_keys() {
        let pieces = parse_format_template("{user.name[first]}{{}}").unwrap();
        let (name, key, path, ..) = field(&pieces[0]);
        assert_eq!(
            (name, key),
            ("user.name[first]", &FieldKey::Name("user".into()))
        );
        assert_eq!(
            path,
            [
                FieldAccess::Attr("name".into()),
                FieldAccess::Key("first".into())
            ]
        );
        assert_eq!(pieces[1], FormatPiece::Literal("{}".into()));
    }
}
