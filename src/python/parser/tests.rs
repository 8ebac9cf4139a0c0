//! Unit tests for the parser: shapes that the CPython corpus cannot show
//! (our own NotImplementedError cases, i64 limits, spans of our own choice).
use super::*;
use crate::python::ast::{Constant, ExprKind, StmtKind};

fn dump(src: &str) -> String {
    dump_module(&parse_module(src).unwrap(), false)
}

fn err(src: &str) -> SourceError {
    parse_module(src).expect_err(src)
}

#[test]
fn simple_assignment() {
    assert_eq!(
        dump("x = 1\n"),
        "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], type_ignores=[])"
    );
}

#[test]
fn empty_and_blank_programs() {
    for src in [
        "",
        "\n",
        "\n\n  \n",
        "# only a comment",
        "   # indented comment\n",
    ] {
        assert_eq!(parse_module(src).unwrap().body, vec![], "{src:?}");
    }
}

#[test]
fn no_trailing_newline_and_crlf() {
    assert_eq!(dump("x = 1"), dump("x = 1\n"));
    assert_eq!(
        dump("if x:\r\n    y = 1\r\nz = 2\r\n"),
        dump("if x:\n    y = 1\nz = 2\n")
    );
    assert_eq!(dump("s = '''a\r\nb'''\r\n"), dump("s = '''a\nb'''\n"));
}

#[test]
fn match_statement_is_not_supported() {
    let e = err("x = 1\nmatch x:\n    case 1:\n        pass\n");
    assert_eq!(e.kind, "NotImplementedError");
    assert_eq!(e.message, "'match' statements are not supported");
    assert_eq!((e.span.start.line, e.span.start.col), (2, 1));
    // `match` the name still works.
    for src in [
        "match = 3\n",
        "match(x)\n",
        "match.x = 1\n",
        "match[0]\n",
        "print(match)\n",
        "match += 1\n",
    ] {
        assert!(parse_module(src).is_ok(), "{src}");
    }
}

#[test]
fn unsupported_literals() {
    let e = err("x = 1j\n");
    assert_eq!(
        (e.kind.as_str(), e.message.as_str()),
        ("NotImplementedError", "complex numbers are not supported")
    );
    assert_eq!((e.span.start.line, e.span.start.col), (1, 5));
    let e = err("x = 9223372036854775808\n");
    assert_eq!(e.kind, "NotImplementedError");
    assert!(e.message.contains("64-bit"), "{}", e.message);
    let e = err("x = 123456789012345678901234567890\n");
    assert_eq!(e.kind, "NotImplementedError");
    let e = err("x = '\\N{BULLET}'\n");
    assert_eq!(e.kind, "NotImplementedError");
    let e = err("from os import *\n");
    assert_eq!(
        (e.kind.as_str(), e.message.as_str()),
        (
            "NotImplementedError",
            "'from ... import *' is not supported"
        )
    );
}

#[test]
fn i64_limits() {
    let m =
        parse_module("a = 9223372036854775807\nb = -9223372036854775808\nc = 0x7fffffffffffffff\n")
            .unwrap();
    let values: Vec<_> = m
        .body
        .iter()
        .map(|s| match &s.kind {
            StmtKind::Assign { value, .. } => value.kind.clone(),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(values[0], ExprKind::Constant(Constant::Int(i64::MAX)));
    assert_eq!(values[1], ExprKind::Constant(Constant::Int(i64::MIN)));
    assert_eq!(values[2], ExprKind::Constant(Constant::Int(i64::MAX)));
    // -2**63 is -(2**63): the literal alone is too large.
    assert_eq!(
        err("x = -9223372036854775808 ** 1\n").kind,
        "NotImplementedError"
    );
}

#[test]
fn numbers() {
    assert_eq!(
        dump("1_000; 0b1010; 0o17; 0xFF; 1.5e3; 1E-2; .25; 7.\n"),
        "Module(body=[Expr(value=Constant(value=1000)), Expr(value=Constant(value=10)), Expr(value=Constant(value=15)), Expr(value=Constant(value=255)), Expr(value=Constant(value=1500.0)), Expr(value=Constant(value=0.01)), Expr(value=Constant(value=0.25)), Expr(value=Constant(value=7.0))], type_ignores=[])"
    );
    // `1if x else y`: a keyword may follow a number directly.
    assert!(parse_module("y = 1if x else 2\n").is_ok());
}

#[test]
fn power_binds_tighter_than_unary_minus() {
    assert_eq!(
        dump("-2**2\n"),
        "Module(body=[Expr(value=UnaryOp(op=USub(), operand=BinOp(left=Constant(value=2), op=Pow(), right=Constant(value=2))))], type_ignores=[])"
    );
}

#[test]
fn fstring_self_documenting() {
    // {x=} is the text "x=" then repr(x); a format spec turns the repr off.
    assert_eq!(
        dump("f'{x=}{y=:>4}{z = !s}'\n"),
        "Module(body=[Expr(value=JoinedStr(values=[Constant(value='x='), FormattedValue(value=Name(id='x', ctx=Load()), conversion=114), Constant(value='y='), FormattedValue(value=Name(id='y', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[Constant(value='>4')])), Constant(value='z = '), FormattedValue(value=Name(id='z', ctx=Load()), conversion=115)]))], type_ignores=[])"
    );
}

#[test]
fn fstring_expression_spans_are_in_the_source() {
    let m = parse_module("x = 1\nprint(f'a {value + 1:>{width}} b')\n").unwrap();
    let StmtKind::Expr(call) = &m.body[1].kind else {
        panic!()
    };
    let ExprKind::Call { args, .. } = &call.kind else {
        panic!()
    };
    let ExprKind::JoinedStr(parts) = &args[0].kind else {
        panic!()
    };
    let ExprKind::FormattedValue {
        value, format_spec, ..
    } = &parts[1].kind
    else {
        panic!()
    };
    assert_eq!((value.span.start.line, value.span.start.col), (2, 12));
    assert_eq!((value.span.end.line, value.span.end.col), (2, 21));
    let Some(spec) = format_spec else { panic!() };
    let ExprKind::JoinedStr(spec_parts) = &spec.kind else {
        panic!()
    };
    let ExprKind::FormattedValue { value: w, .. } = &spec_parts[1].kind else {
        panic!()
    };
    assert_eq!(w.kind, ExprKind::Name("width".into()));
    assert_eq!((w.span.start.line, w.span.start.col), (2, 24));
}

#[test]
fn fstring_errors() {
    assert_eq!(err("f'{'\n").message, "f-string: expecting '}'");
    assert_eq!(
        err("f'{x!z}'\n").message,
        "f-string: invalid conversion character: expected 's', 'r', or 'a'"
    );
    assert_eq!(
        err("f'{x\\n}'\n").message,
        "f-string expression part cannot include a backslash"
    );
    assert_eq!(err("f'{x +}'\n").message, "f-string: invalid syntax");
    assert_eq!(err("f'{1j}'\n").kind, "NotImplementedError");
}

#[test]
fn statement_spans() {
    let src = "import asyncio\n\n@deco\nasync def main():\n    await asyncio.sleep(1)\n    x = [\n        1,\n    ]\n";
    let m = parse_module(src).unwrap();
    let s = &m.body[1];
    // A decorated definition starts at `async def`, as in CPython.
    assert_eq!(
        (
            s.span.start.line,
            s.span.start.col,
            s.span.end.line,
            s.span.end.col
        ),
        (4, 1, 8, 6)
    );
    let StmtKind::FunctionDef(f) = &s.kind else {
        panic!()
    };
    assert!(f.is_async);
    assert_eq!(f.decorators[0].span.start.line, 3);
    let StmtKind::Expr(aw) = &f.body[0].kind else {
        panic!()
    };
    assert_eq!((aw.span.start.line, aw.span.start.col), (5, 5));
    let ExprKind::Await(call) = &aw.kind else {
        panic!()
    };
    assert_eq!((call.span.start.col, call.span.end.col), (11, 27));
}

#[test]
fn unicode_columns_count_characters() {
    let m = parse_module("s = 'é'; t = 1\n").unwrap();
    assert_eq!(m.body[1].span.start.col, 10);
}

#[test]
fn errors_point_at_the_token() {
    let e = err("x = 1\nif x\n    pass\n");
    assert_eq!(
        (e.message.as_str(), e.span.start.line, e.span.start.col),
        ("expected ':'", 2, 5)
    );
    let e = err("def f():\n    return 1 +\n");
    assert_eq!((e.span.start.line, e.span.start.col), (2, 15));
}

#[test]
fn yield_and_await_parse_anywhere() {
    // Context checks (`'await' outside function`) belong to the compiler.
    assert!(parse_module("await x\nyield y\nx = yield\n").is_ok());
}

#[test]
fn byte_order_mark_is_skipped() {
    assert_eq!(dump("\u{feff}x = 1\n"), dump("x = 1\n"));
}
