//! Unit tests for the parser (CPython comparisons live in tests/parse_*.rs).
use super::*;

fn dump(src: &str) -> String {
    dump_module(&parse_module(src).unwrap(), false)
}

#[test]
fn simple_assignment() {
    assert_eq!(
        dump("x = 1\n"),
        "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], type_ignores=[])"
    );
}
