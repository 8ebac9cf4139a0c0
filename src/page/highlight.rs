//! Python source as highlighted HTML, from the engine's own lexer
//! ([`crate::python::highlight`]): the page's editor shows it under its textarea,
//! and the first paint ([`super::first_paint`]) shows it before the app loads.

use crate::python::highlight;
use crate::python::token::TokenClass;

/// The gutter's line numbers, one per line.
pub fn gutter_text(lines: usize) -> String {
    let mut out = String::with_capacity(lines * 4);
    for n in 1..=lines.max(1) {
        if n > 1 {
            out.push('\n');
        }
        out.push_str(&n.to_string());
    }
    out
}

/// The CSS class of a token; None for plain text (names, whitespace).
fn token_class(class: TokenClass, word: &str, after_def: bool) -> Option<&'static str> {
    Some(match class {
        TokenClass::Keyword if matches!(word, "async" | "await") => "tok-kw tok-async",
        TokenClass::Keyword => "tok-kw",
        TokenClass::Builtin => "tok-builtin",
        TokenClass::Name if after_def => "tok-def",
        TokenClass::Number => "tok-num",
        TokenClass::String => "tok-str",
        TokenClass::Comment => "tok-comment",
        TokenClass::Operator => "tok-op",
        TokenClass::Decorator => "tok-deco",
        TokenClass::Error => "tok-err",
        TokenClass::Name | TokenClass::Whitespace => return None,
    })
}

/// The highlighted text as HTML, one `<div>` per line (its newline included,
/// so the text is `source` byte for byte): one span per token, plain runs as
/// text; the character at `error_at` (a byte offset) wrapped in a mark, or an
/// empty marker when the error is at a line's end.
///
/// HTML strings written into the DOM directly rather than a virtual DOM: a
/// 500-line program is thousands of spans, and diffing all of them on every
/// keystroke costs tens of milliseconds; comparing line strings and rewriting
/// the one line that changed costs next to nothing.
pub fn highlighted_lines(source: &str, error_at: Option<usize>) -> Vec<String> {
    let mut lines = Vec::with_capacity(source.len() / 32 + 1);
    let mut line = String::from(LINE_OPEN);
    let mut after_def = false;
    let error_char = error_at.map(|at| {
        let len = source[at..].chars().next().filter(|&c| c != '\n');
        at..at + len.map_or(0, char::len_utf8)
    });
    // Text of one class; spans never cross lines.
    let mut emit = |class: Option<&str>, text: &str| {
        let mut parts = text.split('\n').peekable();
        while let Some(part) = parts.next() {
            span_into(&mut line, class, part);
            if parts.peek().is_some() {
                line.push_str("\n</div>");
                lines.push(std::mem::replace(&mut line, String::from(LINE_OPEN)));
            }
        }
    };
    for (range, class) in highlight(source) {
        let word = &source[range.clone()];
        let css = token_class(class, word, after_def);
        if class != TokenClass::Whitespace {
            after_def = class == TokenClass::Keyword && matches!(word, "def" | "class");
        }
        match &error_char {
            Some(err) if range.start <= err.start && err.start < range.end => {
                emit(css, &source[range.start..err.start]);
                if err.is_empty() {
                    emit(Some(ERROR_EOL), "");
                } else {
                    let class = format!("editor-error-char {}", css.unwrap_or(""));
                    emit(Some(class.trim_end()), &source[err.clone()]);
                }
                emit(css, &source[err.end..range.end]);
            }
            _ => emit(css, word),
        }
    }
    if error_char.as_ref().is_some_and(|e| e.start >= source.len()) {
        emit(Some(ERROR_EOL), "");
    }
    line.push_str("</div>");
    lines.push(line);
    lines
}

const LINE_OPEN: &str = "<div>";
/// The class of the empty end-of-line error marker.
const ERROR_EOL: &str = "editor-error-eol";

/// Appends `text` (escaped), in a span of `class` if any; an empty text makes
/// a span only for the end-of-line marker.
fn span_into(out: &mut String, class: Option<&str>, text: &str) {
    match class {
        Some(class) if !text.is_empty() || class == ERROR_EOL => {
            out.push_str("<span class=\"");
            out.push_str(class);
            out.push_str("\">");
            escape_into(out, text);
            out.push_str("</span>");
        }
        _ => escape_into(out, text),
    }
}

/// Appends `text` with `&`, `<` and `>` escaped (HTML text content).
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}
