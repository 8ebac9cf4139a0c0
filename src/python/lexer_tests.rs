//! Unit tests for the lexer and the highlighter.
use super::*;
use crate::python::token::{StrValue, Tok, TokenClass};

fn kinds(src: &str) -> Vec<Tok> {
    tokenize(src).unwrap().into_iter().map(|t| t.tok).collect()
}

#[test]
fn indentation_tokens() {
    use Tok::*;
    let k = kinds("if x:\n    y\n\n  # c\n    z\nw\n");
    let names: Vec<String> = k
        .iter()
        .map(|t| match t {
            Name(n) => n.clone(),
            Kw(k) => k.to_string(),
            Op(o) => o.to_string(),
            Newline => "NL".into(),
            Indent => "IN".into(),
            Dedent => "DE".into(),
            EndMarker => "END".into(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(names.join(" "), "if x : NL IN y NL z NL DE w NL END");
}

#[test]
fn brackets_join_lines_and_backslash_continues() {
    assert_eq!(kinds("x = (1,\n  2)\n"), kinds("x = (1, 2)\n"));
    assert_eq!(kinds("x = 1 + \\\n  2\n"), kinds("x = 1 + 2\n"));
}

#[test]
fn string_values() {
    let t = tokenize("'a\\tb' b'\\x00\\xff' r'\\n' '\\u00e9\\U0001F600\\101' 'x\\q'").unwrap();
    let vals: Vec<StrValue> = t
        .into_iter()
        .filter_map(|t| match t.tok {
            Tok::Str(s) => Some(s.value),
            _ => None,
        })
        .collect();
    assert_eq!(vals[0], StrValue::Str("a\tb".into()));
    assert_eq!(vals[1], StrValue::Bytes(vec![0, 255]));
    assert_eq!(vals[2], StrValue::Str("\\n".into()));
    assert_eq!(vals[3], StrValue::Str("é😀A".into()));
    assert_eq!(vals[4], StrValue::Str("x\\q".into()));
}

#[test]
fn token_positions() {
    let t = tokenize("x = 'é'\n  \ny\n").unwrap();
    let p: Vec<(u32, u32, u32)> = t
        .iter()
        .map(|t| (t.span.start.line, t.span.start.col, t.span.end.col))
        .collect();
    assert_eq!(p[0], (1, 1, 2)); // x
    assert_eq!(p[2], (1, 5, 8)); // 'é'
    assert_eq!(t[2].range, 4..8); // bytes
    assert_eq!(p[4], (3, 1, 2)); // y
}

#[test]
fn tab_errors() {
    let e = tokenize("if x:\n\ty\n        z\n").unwrap_err();
    assert_eq!(e.kind, "TabError");
    // Consistent tabs are fine.
    assert!(tokenize("if x:\n\ty\n\tz\n").is_ok());
}

#[test]
fn highlight_classes() {
    let src = "@deco\nasync def f(x):  # hi\n    print('s', 1.5, f\"{x}\") + x\n";
    let h = highlight(src);
    let class_of = |needle: &str| {
        let at = src.find(needle).unwrap();
        h.iter().find(|(r, _)| r.start == at).map(|(_, c)| *c)
    };
    assert_eq!(class_of("@deco"), Some(TokenClass::Decorator));
    assert_eq!(class_of("async"), Some(TokenClass::Keyword));
    assert_eq!(class_of("f(x)"), Some(TokenClass::Name));
    assert_eq!(class_of("# hi"), Some(TokenClass::Comment));
    assert_eq!(class_of("print"), Some(TokenClass::Builtin));
    assert_eq!(class_of("'s'"), Some(TokenClass::String));
    assert_eq!(class_of("1.5"), Some(TokenClass::Number));
    assert_eq!(class_of("f\"{x}\""), Some(TokenClass::String));
    // Inside the f-string: the braces are operators, the field is code.
    let fx = src.find("{x}").unwrap();
    assert!(h.contains(&(fx..fx + 1, TokenClass::Operator)));
    assert!(h.contains(&(fx + 1..fx + 2, TokenClass::Name)));
    assert_eq!(class_of("+ x"), Some(TokenClass::Operator));
    let covered: usize = h.iter().map(|(r, _)| r.len()).sum();
    assert_eq!(covered, src.len());
}

#[test]
fn highlight_unterminated_string_runs_to_line_end() {
    let src = "x = 'abc\ny = 1\n";
    let h = highlight(src);
    let s = h.iter().find(|(_, c)| *c == TokenClass::String).unwrap();
    assert_eq!(&src[s.0.clone()], "'abc");
    assert!(h
        .iter()
        .any(|(r, c)| *c == TokenClass::Name && &src[r.clone()] == "y"));
}

#[test]
fn highlight_fstring_fields() {
    let src = "f'a {n:>{w}} {{x}} {d[\"k\"]!r}' + f'{";
    let h = highlight(src);
    let text = |c: TokenClass| -> Vec<&str> {
        h.iter()
            .filter(|(_, k)| *k == c)
            .map(|(r, _)| &src[r.clone()])
            .collect()
    };
    assert_eq!(text(TokenClass::Name), vec!["n", "d"]);
    assert!(text(TokenClass::String).contains(&"\"k\""));
    let covered: usize = h.iter().map(|(r, _)| r.len()).sum();
    assert_eq!(covered, src.len());
}
