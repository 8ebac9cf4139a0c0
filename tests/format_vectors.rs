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
        let FormatPiece::Field {
            key,
            path,
            conversion,
            spec,
            nested,
            ..
        } = piece
        else {
            if let FormatPiece::Literal(text) = piece {
                out.push_str(text);
            }
            continue;
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

fn render_percent(template: &str, args: &V) -> Outcome {
    let pieces = parse_percent_template(template).map_err(value_err)?;
    let positional: Vec<V> = match args {
        V::List(items) => items.clone(),
        V::Dict(_) => vec![args.clone()],
        other => vec![other.clone()],
    };
    let mut next = 0;
    let mut take = || {
        next += 1;
        positional.get(next - 1).cloned().ok_or((
            "TypeError",
            "not enough arguments for format string".to_string(),
        ))
    };
    let mut out = String::new();
    for piece in pieces {
        let mut spec = match piece {
            PercentPiece::Literal(text) => {
                out.push_str(&text);
                continue;
            }
            PercentPiece::Spec(spec) => spec,
        };
        if spec.width == PercentNum::Star {
            match take()? {
                V::Int(w) => spec.set_star_width(w).map_err(value_err)?,
                _ => return Err(("TypeError", "* wants int".to_string())),
            }
        }
        if spec.precision == PercentNum::Star {
            match take()? {
                V::Int(p) => spec.set_star_precision(p).map_err(value_err)?,
                _ => return Err(("TypeError", "* wants int".to_string())),
            }
        }
        let value = match &spec.key {
            Some(key) => match args {
                V::Dict(items) => items
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| v.clone())
                    .ok_or(("KeyError", str_repr(key)))?,
                _ => return Err(("TypeError", "format requires a mapping".to_string())),
            },
            None => take()?,
        };
        let text = match (spec.conversion, &value) {
            ('s', v) => format_percent_str(&to_str(v), &spec),
            ('r', v) => format_percent_str(&repr(v), &spec),
            ('a', V::Str(s)) => format_percent_str(&str_ascii(s), &spec),
            ('a', v) => format_percent_str(&repr(v), &spec),
            ('c', V::Int(n)) if !(0..0x110000).contains(n) => {
                return Err(("OverflowError", C_RANGE_ERROR.to_string()))
            }
            ('c', V::Str(s)) => format_percent_str(s, &spec),
            (_, V::Int(n)) => format_percent_int(*n, &spec),
            ('o' | 'x' | 'X', V::Float(_)) => {
                return Err((
                    "TypeError",
                    format!(
                        "%{} format: an integer is required, not float",
                        spec.conversion
                    ),
                ))
            }
            (_, V::Float(x)) => format_percent_float(*x, &spec),
            (c, v) => {
                return Err((
                    "TypeError",
                    format!(
                        "%{c} format: a real number is required, not {}",
                        type_name(v)
                    ),
                ))
            }
        };
        out.push_str(&text);
    }
    if next < positional.len() && !matches!(args, V::Dict(_)) {
        return Err((
            "TypeError",
            "not all arguments converted during string formatting".to_string(),
        ));
    }
    Ok(out)
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
            "template" => parse_format_template(s(1))
                .map_err(value_err)
                .and_then(|pieces| render_template(&pieces, &args, &kwargs)),
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
            (Ok(g), Ok(w)) if kind == "parse_float" => {
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
