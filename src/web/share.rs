//! Share links: the URL fragment says what the page shows.
//!
//! `#example=workers` opens a built-in example, `#code=…` carries a program
//! (UTF-8, deflate-raw compressed by the browser's CompressionStream, base64url),
//! and `embed` anywhere in it (`#embed&example=workers`) shows only the chart and
//! a Run button, for an iframe in a documentation page.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What a URL fragment asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fragment {
    pub embed: bool,
    pub example: Option<String>,
    /// A compressed program (`code=`), still encoded.
    pub code: Option<String>,
}

impl Fragment {
    /// Parses `#embed&example=workers` (the leading `#` is optional).
    pub fn parse(hash: &str) -> Fragment {
        let mut out = Fragment::default();
        for part in hash.trim_start_matches('#').split('&') {
            match part.split_once('=') {
                Some(("example", id)) => out.example = Some(id.to_string()),
                Some(("code", code)) => out.code = Some(code.to_string()),
                None if part == "embed" => out.embed = true,
                _ => {}
            }
        }
        out
    }

    /// The fragment text, with its `#`.
    pub fn to_hash(&self) -> String {
        let mut parts = Vec::new();
        if self.embed {
            parts.push("embed".to_string());
        }
        if let Some(id) = &self.example {
            parts.push(format!("example={id}"));
        }
        if let Some(code) = &self.code {
            parts.push(format!("code={code}"));
        }
        format!("#{}", parts.join("&"))
    }
}

/// The current page's fragment.
pub fn current() -> Fragment {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    Fragment::parse(&hash)
}

/// Replaces the fragment without adding a history entry or reloading.
pub fn replace(fragment: &Fragment) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&fragment.to_hash()));
    }
}

#[wasm_bindgen(inline_js = r#"
export async function deflate_raw(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
export async function inflate_raw(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return await new Response(stream).text();
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn deflate_raw(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn inflate_raw(bytes: &[u8]) -> Result<JsValue, JsValue>;
}

fn js_error(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| format!("{e:?}"))
}

/// A program as the `code=` value of a share link.
pub async fn encode_program(source: &str) -> Result<String, String> {
    let bytes = deflate_raw(source).await.map_err(js_error)?;
    Ok(base64url_encode(&js_sys::Uint8Array::new(&bytes).to_vec()))
}

/// The program in a `code=` value.
pub async fn decode_program(code: &str) -> Result<String, String> {
    let bytes = base64url_decode(code).ok_or("the link's code is not valid base64url")?;
    let text = inflate_raw(&bytes)
        .await
        .map_err(|e| format!("the link's code does not decompress: {}", js_error(e)))?;
    text.as_string()
        .ok_or_else(|| "the link's code is not text".to_string())
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 §5 base64url without padding (URL-fragment safe).
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The inverse of [`base64url_encode`]; also accepts `+`, `/` and `=` padding.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = acc << 6 | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}
