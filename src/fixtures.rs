//! HTTP fixtures: the answers `aiohttp` gets on the virtual clock (and in the browser
//! when the network cannot reach a URL). One JSON file is shared by the CPython
//! oracle, the conformance suite, the CLI and the web app:
//! `[{"url", "status", "body", "content_type", "latency"}]` (latency in seconds).

use crate::run::HttpFixture;
use crate::vm::value::Value;
use crate::vm::{ErrKind, Vm};

/// The fixtures bundled with Awaitscope (the tutorial's jsonplaceholder URLs).
pub const BUNDLED_JSON: &str = include_str!("../tests/fixtures/http.json");

/// Parses the fixtures with the engine's own `json.loads` (serde_json stays out of
/// the wasm). Errors read like Python's: `Expecting value: line 1 column 1 (char 0)`.
pub fn parse_http_fixtures(json: &str) -> Result<Vec<HttpFixture>, String> {
    let mut vm = Vm::new();
    let items = match crate::vm::modules::json_loads(&mut vm, json) {
        Ok(Value::List(items)) => items.borrow().clone(),
        Ok(_) => return Err("fixtures: expected a JSON array".to_string()),
        Err(e) => match e.kind() {
            ErrKind::New(kind, msg) => return Err(format!("{kind}: {msg}")),
            _ => return Err("fixtures: invalid JSON".to_string()),
        },
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let field = |key: &str| -> Option<Value> {
                let Value::Dict(d) = item else { return None };
                let found = d.borrow().iter().find_map(|(k, v)| match k {
                    Value::Str(k) if k.s == key => Some(v.clone()),
                    _ => None,
                });
                found
            };
            let text = |key: &str| match field(key) {
                Some(Value::Str(s)) => Some(s.s.clone()),
                _ => None,
            };
            Ok(HttpFixture {
                url: text("url").ok_or_else(|| format!("fixture {i}: missing \"url\""))?,
                status: match field("status") {
                    Some(Value::Int(n)) if n >= 0 => n.min(999) as u16,
                    _ => 200,
                },
                body: text("body").unwrap_or_default(),
                content_type: text("content_type").unwrap_or_default(),
                latency_s: match field("latency") {
                    Some(Value::Int(n)) => Some(n as f64),
                    Some(Value::Float(x)) => Some(x),
                    _ => None,
                }
                .filter(|l| l.is_finite() && *l >= 0.0)
                .unwrap_or(0.0),
            })
        })
        .collect()
}

pub fn bundled_http_fixtures() -> Vec<HttpFixture> {
    parse_http_fixtures(BUNDLED_JSON).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_default_like_before_and_bad_numbers_are_tamed() {
        let f = parse_http_fixtures(
            r#"[{"url": "u", "status": 5000, "latency": -1},
                {"url": "v", "status": "x", "latency": "slow", "body": 3},
                {"url": "w", "status": 404, "latency": 2, "content_type": "text/plain"},
                {"url": "x", "latency": 1e999}]"#,
        )
        .unwrap();
        assert_eq!((f[0].status, f[0].latency_s), (999, 0.0));
        assert_eq!(
            (f[1].status, f[1].latency_s, f[1].body.as_str()),
            (200, 0.0, "")
        );
        assert_eq!((f[2].status, f[2].latency_s), (404, 2.0));
        assert_eq!(f[2].content_type, "text/plain");
        assert_eq!(f[3].latency_s, 0.0);
    }

    #[test]
    fn bundled_fixtures_answer_the_tutorial_url_after_a_quarter_second() {
        let all = bundled_http_fixtures();
        let todo = all
            .iter()
            .find(|f| f.url == "https://jsonplaceholder.typicode.com/todos/1")
            .unwrap();
        assert_eq!((todo.status, todo.latency_s), (200, 0.25));
        assert!(todo.body.contains("\"userId\": 1"));
    }

    #[test]
    fn a_fixture_without_url_is_an_error_not_a_panic() {
        assert!(parse_http_fixtures(r#"[{"status": 200}]"#)
            .unwrap_err()
            .contains("url"));
        assert_eq!(
            parse_http_fixtures("not json").unwrap_err(),
            "JSONDecodeError: Expecting value: line 1 column 1 (char 0)"
        );
        assert!(parse_http_fixtures(r#"{"url": "x"}"#).is_err());
    }
}
