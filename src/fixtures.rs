//! HTTP fixtures: the answers `aiohttp` gets on the virtual clock (and in the browser
//! when the network cannot reach a URL). One JSON file is shared by the CPython
//! oracle, the conformance suite, the CLI and the web app:
//! `[{"url", "status", "body", "content_type", "latency"}]` (latency in seconds).

use crate::run::HttpFixture;

/// The fixtures bundled with Awaitscope (the tutorial's jsonplaceholder URLs).
pub const BUNDLED_JSON: &str = include_str!("../tests/fixtures/http.json");

pub fn parse_http_fixtures(json: &str) -> Result<Vec<HttpFixture>, String> {
    let items: Vec<serde_json::Value> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let text = |key: &str| item[key].as_str().map(str::to_string);
            Ok(HttpFixture {
                url: text("url").ok_or_else(|| format!("fixture {i}: missing \"url\""))?,
                status: item["status"].as_u64().unwrap_or(200).min(999) as u16,
                body: text("body").unwrap_or_default(),
                content_type: text("content_type").unwrap_or_default(),
                latency_s: item["latency"]
                    .as_f64()
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
        assert!(parse_http_fixtures("not json").is_err());
    }
}
