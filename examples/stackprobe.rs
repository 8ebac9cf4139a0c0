use awaitscope::python::parser::parse_stack_usage;
fn main() {
    let shapes: Vec<(&str, fn(usize) -> String)> = vec![
        ("parens", |d| {
            format!("x = {}1{}\n", "(".repeat(d), ")".repeat(d))
        }),
        ("unary", |d| format!("x = {}1\n", "-".repeat(d))),
        ("not", |d| format!("x = {}1\n", "not ".repeat(d))),
        ("lists", |d| {
            format!("x = {}1{}\n", "[".repeat(d), "]".repeat(d))
        }),
        ("calls", |d| {
            format!("x = {}1{}\n", "f(".repeat(d), ")".repeat(d))
        }),
        ("subs", |d| {
            format!("x = {}1{}\n", "a[".repeat(d), "]".repeat(d))
        }),
        ("lambda", |d| format!("x = {}1\n", "lambda: ".repeat(d))),
        ("pow", |d| format!("x = {}1\n", "2**".repeat(d))),
        ("await", |d| format!("x = {}1\n", "await ".repeat(d))),
        ("ifexp", |d| format!("x = {}1\n", "1 if 1 else ".repeat(d))),
        ("dict", |d| {
            format!("x = {}1{}\n", "{1: ".repeat(d), "}".repeat(d))
        }),
        ("genexp", |d| {
            format!("x = {}1{}\n", "(x for x in ".repeat(d), ")".repeat(d))
        }),
        ("blocks", |d| {
            let mut s = String::new();
            for i in 0..d {
                s += &" ".repeat(i);
                s += "if x:\n";
            }
            s += &" ".repeat(d);
            s += "pass\n";
            s
        }),
    ];
    for (name, f) in shapes {
        let a = parse_stack_usage(&f(20));
        let b = parse_stack_usage(&f(80));
        println!("{name}: {} bytes/level (20: {a}, 80: {b})", (b - a) / 60);
    }
}
