//! Table-driven comparison of `awaitscope::vm::format` with CPython 3.11.
//!
//! The expected values in tests/data/format_vectors.jsonl were printed by
//! `python3 tools/format_vectors.py` (CPython 3.11) and committed; this test
//! never runs Python. Each line: [kind, inputs..., status, expected], status
//! "ok" or the exception type's name.

use awaitscope::vm::format::*;
use serde_json::Value as Json;

/// A tiny stand-in for the VM's values, enough to render templates.
#[derive(Clone, Debug)]
enum V {
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<V>),
    Dict(Vec<(String, V)>),
}

type Outcome = Result<String, (&'static str, String)>;

fn value_err(msg: String) -> (&'static str, String) {
    let kind = if msg == C_RANGE_ERROR {
        "OverflowError"
    } else {
        "ValueError"
    };
    (kind, msg)
}

fn from_json(j: &Json) -> V {
    match j {
        Json::Number(n) if n.is_i64() => V::Int(n.as_i64().unwrap()),
        Json::Number(n) => V::Float(n.as_f64().unwrap()),
        Json::String(s) => V::Str(s.clone()),
        Json::Array(a) => V::List(a.iter().map(from_json).collect()),
        Json::Object(o) if o.contains_key("$f") => V::Float(float_from_bits(&o["$f"])),
        Json::Object(o) => V::Dict(o.iter().map(|(k, v)| (k.clone(), from_json(v))).collect()),
        other => panic!("unexpected {other}"),
    }
}

fn repr(v: &V) -> String {
    match v {
        V::Str(s) => str_repr(s),
        V::List(items) => format!(
            "[{}]",
            items.iter().map(repr).collect::<Vec<_>>().join(", ")
        ),
        V::Dict(items) => format!(
            "{{{}}}",
            items
                .iter()
                .map(|(k, v)| format!("{}: {}", str_repr(k), repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => to_str(other),
    }
}

fn to_str(v: &V) -> String {
    match v {
        V::Int(n) => n.to_string(),
        V::Float(x) => float_repr(*x),
        V::Str(s) => s.clone(),
        other => repr(other),
    }
}

fn type_name(v: &V) -> &'static str {
    match v {
        V::Int(_) => "int",
        V::Float(_) => "float",
        V::Str(_) => "str",
        V::List(_) => "list",
        V::Dict(_) => "dict",
    }
}

fn format_value(v: &V, spec: &str) -> Outcome {
    match v {
        V::Int(n) => format_int(*n, spec).map_err(value_err),
        V::Float(x) => format_float(*x, spec).map_err(value_err),
        V::Str(s) => format_str(s, spec).map_err(value_err),
        other if spec.is_empty() => Ok(to_str(other)),
        other => Err((
            "TypeError",
            format!(
                "unsupported format string passed to {}.__format__",
                type_name(other)
            ),
        )),
    }
}

fn template_kwargs() -> Vec<(String, V)> {
    // Mirrors KWARGS in tools/format_vectors.py.
    let s = |x: &str| V::Str(x.to_string());
    vec![
        ("x".into(), V::Float(2.5)),
        ("name".into(), s("Bob")),
        ("w".into(), V::Int(10)),
        ("p".into(), V::Int(3)),
        (
            "lst".into(),
            V::List(vec![V::Int(10), V::Int(20), V::Int(30)]),
        ),
        (
            "d".into(),
            V::Dict(vec![("k".into(), s("v")), ("0".into(), s("zero"))]),
        ),
        ("s".into(), s("it's")),
        ("f".into(), s("f")),
    ]
}

fn render_template(pieces: &[FormatPiece], args: &[V], kwargs: &[(String, V)]) -> Outcome {
    let mut out = String::new();
    for piece in pieces {
        let (key, path, conversion, spec, nested) = match piece {
            FormatPiece::Literal(text) => {
                out.push_str(text);
                continue;
            }
            FormatPiece::Error(message) => return Err(("ValueError", message.clone())),
            FormatPiece::Field {
                key,
                path,
                conversion,
                spec,
                nested,
                ..
            } => (key, path, conversion, spec, nested),
        };
        let mut value = match key {
            FieldKey::Index(i) => args.get(*i).cloned().ok_or((
                "IndexError",
                format!("Replacement index {i} out of range for positional args tuple"),
            ))?,
            FieldKey::Name(n) => kwargs
                .iter()
                .find(|(k, _)| k == n)
                .map(|(_, v)| v.clone())
                .ok_or(("KeyError", str_repr(n)))?,
        };
        for step in path {
            value = match (step, &value) {
                (FieldAccess::Invalid(message), _) => return Err(("ValueError", message.clone())),
                (FieldAccess::Attr(a), V::Int(_) | V::Float(_)) if a == "real" => value.clone(),
                (FieldAccess::Attr(a), V::Int(_)) if a == "imag" => V::Int(0),
                (FieldAccess::Attr(a), V::Float(_)) if a == "imag" => V::Float(0.0),
                (FieldAccess::Attr(a), v) => {
                    return Err((
                        "AttributeError",
                        format!("'{}' object has no attribute '{a}'", type_name(v)),
                    ))
                }
                (FieldAccess::Index(i), V::List(items)) => items
                    .get(*i)
                    .cloned()
                    .ok_or(("IndexError", "list index out of range".to_string()))?,
                (FieldAccess::Index(i), V::Dict(_)) => return Err(("KeyError", i.to_string())),
                (FieldAccess::Key(k), V::Dict(items)) => items
                    .iter()
                    .find(|(key, _)| key == k)
                    .map(|(_, v)| v.clone())
                    .ok_or(("KeyError", str_repr(k)))?,
                (_, v) => {
                    return Err((
                        "TypeError",
                        format!("'{}' object is not subscriptable", type_name(v)),
                    ))
                }
            };
        }
        value = match conversion {
            Some('r') => V::Str(repr(&value)),
            Some('a') => V::Str(match &value {
                V::Str(s) => str_ascii(s),
                other => repr(other),
            }),
            Some(_) => V::Str(to_str(&value)),
            None => value,
        };
        let spec = match nested {
            Some(inner) => render_template(inner, args, kwargs)?,
            None => spec.clone(),
        };
        out.push_str(&format_value(&value, &spec)?);
    }
    Ok(out)
}

/// CPython's `%` argument state (Objects/unicodeobject.c, `unicode_format_getnextarg`):
/// a list stands for a tuple; anything else is one argument usable once.
struct PercentState {
    items: Vec<V>,
    next: i64,
    len: i64,
    mapping: Option<Vec<(String, V)>>,
}

impl PercentState {
    fn new(args: &V) -> Self {
        match args {
            V::List(items) => PercentState {
                items: items.clone(),
                next: 0,
                len: items.len() as i64,
                mapping: None,
            },
            V::Dict(entries) => PercentState {
                items: vec![args.clone()],
                next: -2,
                len: -1,
                mapping: Some(entries.clone()),
            },
            other => PercentState {
                items: vec![other.clone()],
                next: -2,
                len: -1,
                mapping: None,
            },
        }
    }
}

fn type_error(message: impl Into<String>) -> (&'static str, String) {
    ("TypeError", message.into())
}

impl PercentArgs for PercentState {
    type Value = V;
    type Error = (&'static str, String);

    fn value_error(&mut self, message: String) -> Self::Error {
        value_err(message)
    }

    fn require_mapping(&mut self) -> Result<(), Self::Error> {
        match self.mapping {
            Some(_) => Ok(()),
            None => Err(type_error("format requires a mapping")),
        }
    }

    fn select_key(&mut self, key: &str) -> Result<(), Self::Error> {
        let entries = self.mapping.as_ref().expect("checked by require_mapping");
        let value = entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .ok_or(("KeyError", str_repr(key)))?;
        (self.items, self.next, self.len) = (vec![value], -2, -1);
        Ok(())
    }

    fn next_value(&mut self) -> Result<V, Self::Error> {
        if self.next >= self.len {
            return Err(type_error("not enough arguments for format string"));
        }
        self.next += 1;
        let index = if self.len < 0 {
            0
        } else {
            self.next as usize - 1
        };
        Ok(self.items[index].clone())
    }

    fn next_star(&mut self) -> Result<i64, Self::Error> {
        match self.next_value()? {
            V::Int(n) => Ok(n),
            _ => Err(type_error("* wants int")),
        }
    }

    fn render(&mut self, value: V, spec: &PercentSpec) -> Result<String, Self::Error> {
        let conv = spec.conversion;
        Ok(match (conv, &value) {
            ('s', v) => format_percent_str(&to_str(v), spec),
            ('r', v) => format_percent_str(&repr(v), spec),
            ('a', V::Str(s)) => format_percent_str(&str_ascii(s), spec),
            ('a', v) => format_percent_str(&repr(v), spec),
            ('c', V::Int(n)) if !(0..0x110000).contains(n) => {
                return Err(("OverflowError", C_RANGE_ERROR.to_string()))
            }
            ('c', V::Str(s)) if s.chars().count() == 1 => format_percent_str(s, spec),
            ('c', V::Int(n)) => format_percent_int(*n, spec),
            ('c', _) => return Err(type_error("%c requires int or char")),
            (_, V::Int(n)) => format_percent_int(*n, spec),
            ('o' | 'x' | 'X', v) => {
                return Err(type_error(format!(
                    "%{conv} format: an integer is required, not {}",
                    type_name(v)
                )))
            }
            (_, V::Float(x)) => format_percent_float(*x, spec),
            ('d' | 'i' | 'u', v) => {
                return Err(type_error(format!(
                    "%{conv} format: a real number is required, not {}",
                    type_name(v)
                )))
            }
            (_, v) => {
                return Err(type_error(format!(
                    "must be real number, not {}",
                    type_name(v)
                )))
            }
        })
    }

    fn finish(&mut self) -> Result<(), Self::Error> {
        if self.next < self.len && self.mapping.is_none() {
            return Err(type_error(
                "not all arguments converted during string formatting",
            ));
        }
        Ok(())
    }
}

fn render_percent(template: &str, args: &V) -> Outcome {
    let result = format_percent(template, &mut PercentState::new(args));
    // Parsing alone fails only where the full run fails too.
    assert!(
        parse_percent_template(template).is_ok() || result.is_err(),
        "{template:?}"
    );
    result
}

fn float_from_bits(j: &Json) -> f64 {
    f64::from_bits(u64::from_str_radix(j.as_str().unwrap(), 16).unwrap())
}

#[test]
#[allow(clippy::approx_constant)] // 3.14159 is an argument of the Python templates, not pi
fn matches_cpython_vectors() {
    let data = include_str!("data/format_vectors.jsonl");
    let args: Vec<V> = vec![
        V::Float(3.14159),
        V::Int(42),
        V::Str("abc".into()),
        V::Int(-7),
        V::Float(1e20),
    ];
    let kwargs = template_kwargs();
    let mut failures = Vec::new();
    let mut counts = std::collections::BTreeMap::new();
    for line in data.lines() {
        let row: Vec<Json> = serde_json::from_str(line).unwrap();
        let kind = row[0].as_str().unwrap();
        let status = row[row.len() - 2].as_str().unwrap();
        let expected = row[row.len() - 1].as_str().unwrap().to_string();
        let s = |i: usize| row[i].as_str().unwrap();
        let got: Outcome = match kind {
            "repr" => Ok(float_repr(float_from_bits(&row[1]))),
            "float" => format_float(float_from_bits(&row[1]), s(2)).map_err(value_err),
            "int" => match row[1].as_i64() {
                Some(n) => format_int(n, s(2)).map_err(value_err),
                None => continue, // beyond i64: not our ints
            },
            "str" => format_str(s(1), s(2)).map_err(value_err),
            "template" => {
                let ordered = render_template(&parse_format_template_ordered(s(1)), &args, &kwargs);
                // An error found up front is one the renderer meets too.
                let eager = parse_format_template(s(1));
                assert!(eager.is_ok() || ordered.is_err(), "{line}");
                ordered
            }
            "percent" => render_percent(s(1), &from_json(&row[2])),
            "parse_int" => {
                let base = row[2].as_i64().unwrap();
                let base = u32::try_from(base).unwrap_or(1000);
                parse_int(s(1), base).map(|n| n.to_string()).map_err(|e| {
                    if e == INT_TOO_LARGE {
                        ("OverflowError", e)
                    } else {
                        ("ValueError", e)
                    }
                })
            }
            "parse_float" => parse_float(s(1))
                .map(|x| format!("{:016x}", x.to_bits()))
                .map_err(value_err),
            "round" => round_float(float_from_bits(&row[1]), row[2].as_i64().unwrap())
                .map(|x| format!("{:016x}", x.to_bits()))
                .map_err(|e| ("OverflowError", e)),
            // Python gives an int: no negative zero.
            "round0" => Ok(format!(
                "{:016x}",
                (round_half_even(float_from_bits(&row[1])) + 0.0).to_bits()
            )),
            "str_repr" => Ok(str_repr(s(1))),
            "str_ascii" => Ok(str_ascii(s(1))),
            other => panic!("unknown kind {other}"),
        };
        *counts.entry(kind.to_string()).or_insert(0) += 1;
        let want: Outcome = if status == "ok" {
            Ok(expected)
        } else {
            Err((leak(status), expected))
        };
        let same = match (&got, &want) {
            // Every NaN bit pattern is fine for float('nan').
            (Ok(g), Ok(w)) if kind == "parse_float" || kind == "round" => {
                g == w
                    || (f64::from_bits(u64::from_str_radix(g, 16).unwrap()).is_nan()
                        && f64::from_bits(u64::from_str_radix(w, 16).unwrap()).is_nan())
            }
            _ => got == want,
        };
        if !same {
            failures.push(format!("{line}\n    got {got:?}"));
        }
    }
    eprintln!("cases per kind: {counts:?}");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn leak(s: &str) -> &'static str {
    match s {
        "ValueError" => "ValueError",
        "TypeError" => "TypeError",
        "OverflowError" => "OverflowError",
        "KeyError" => "KeyError",
        "IndexError" => "IndexError",
        "AttributeError" => "AttributeError",
        other => panic!("unexpected exception type {other}"),
    }
}
