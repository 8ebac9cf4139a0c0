//! The scene as a self-contained SVG string: presentation attributes from the
//! light palette (no stylesheet, fonts or anything external), class names kept
//! so a host page may restyle, `role="img"` with `<title>` and `<desc>`, a
//! `<title>` tooltip on every mark that has one, and `data-line`/`data-col`
//! (the `await` that suspended) and `data-task` for scripts.
//!
//! [`render_interactive`] writes the same picture for a page that includes
//! [`super::palette::css`]: classes instead of inline colours (so dark mode
//! applies), every mark that has a tooltip has its text in `aria-label` rather
//! than a `<title>` child (the page shows its own tooltip on hover and focus),
//! and the marks of lanes are focusable (`tabindex`, a roving one: the first 0,
//! the rest -1).
//! Marks with `data-line` are `role="button"` (they select the `await`).

use std::fmt::Write;

use super::palette::{Class, Font, Paint, Style, MONO, PATTERNS, SANS};
use super::scene::{Anchor, Node, Scene};
use super::text::write_fixed;

/// Appends `s` escaped for XML text or a double-quoted attribute. Characters
/// XML 1.0 forbids (control characters a program may print) become U+FFFD.
fn esc(o: &mut String, s: &str) {
    // Copies runs of plain text whole; only the few special bytes are looked at.
    let bytes = s.as_bytes();
    let (mut done, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        let (rep, len) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\t' | b'\n' | b'\r' => ("", 0),
            0..=0x1f => ("\u{FFFD}", 1),
            // U+FFFE and U+FFFF (EF BF BE/BF in UTF-8) are not XML characters either.
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("\u{FFFD}", 3),
            _ => ("", 0),
        };
        if len == 0 {
            i += 1;
            continue;
        }
        o.push_str(&s[done..i]);
        o.push_str(rep);
        i += len;
        done = i;
    }
    o.push_str(&s[done..]);
}

/// A coordinate with at most one decimal: `12`, `12.5`.
fn num(o: &mut String, x: f64) {
    let _ = write_fixed(o, if x.is_finite() { x } else { 0.0 }, 1);
}

fn attr_num(o: &mut String, name: &str, x: f64) {
    let _ = write!(o, " {name}=\"");
    num(o, x);
    o.push('"');
}

/// Newlines kept in attribute values (XML would read them as spaces).
fn esc_attr(o: &mut String, s: &str) {
    for (i, part) in s.split('\n').enumerate() {
        if i > 0 {
            o.push_str("&#10;");
        }
        esc(o, part);
    }
}

/// How the SVG is written: standalone (inline styles, `<title>` tooltips) or
/// for a page that styles it and shows the tooltips itself.
struct Out {
    o: String,
    id: String,
    interactive: bool,
    /// Focusable marks written so far (the first gets `tabindex="0"`).
    marks: usize,
    /// Groups open around the node being written: 2 inside a lane.
    depth: usize,
}

fn style(out: &mut Out, class: Class, text: bool) {
    let (o, id) = (&mut out.o, out.id.as_str());
    let s: Style = class.light();
    let _ = write!(o, " class=\"{}\"", class.css());
    match s.fill {
        // Patterns are per chart (their id), so no stylesheet can name them.
        Paint::Pattern(p) => {
            o.push_str(" fill=\"url(#");
            esc(o, id);
            let _ = write!(o, "-{p})\"");
        }
        _ if out.interactive => return,
        Paint::None => o.push_str(" fill=\"none\""),
        Paint::Color(c) => {
            let _ = write!(o, " fill=\"{c}\"");
        }
    }
    if !s.stroke.is_empty() {
        let _ = write!(o, " stroke=\"{}\"", s.stroke);
        attr_num(o, "stroke-width", s.stroke_width);
    }
    if !s.dash.is_empty() {
        let _ = write!(o, " stroke-dasharray=\"{}\"", s.dash);
    }
    if s.radius > 0.0 {
        attr_num(o, "rx", s.radius);
    }
    if text {
        if !s.stroke.is_empty() {
            o.push_str(" paint-order=\"stroke\" stroke-linejoin=\"round\"");
        }
        if s.font == Font::Mono {
            let _ = write!(o, " font-family=\"{}\"", MONO.replace('\'', "&apos;"));
        }
        attr_num(o, "font-size", s.size);
        if s.bold {
            o.push_str(" font-weight=\"600\"");
        }
    }
}

/// Interactive: a mark with a tooltip becomes focusable and names itself.
fn mark_attrs(out: &mut Out, title: Option<&String>, button: bool) {
    let Some(t) = title.filter(|_| out.interactive) else {
        return;
    };
    let o = &mut out.o;
    // Keyboard focus visits the marks of lanes (not the now/end lines across them).
    if out.depth >= 2 {
        let tab = if out.marks == 0 { "0" } else { "-1" };
        out.marks += 1;
        let _ = write!(o, " tabindex=\"{tab}\"");
    }
    let role = if button { "button" } else { "img" };
    let _ = write!(o, " role=\"{role}\" aria-label=\"");
    esc_attr(o, t);
    o.push('"');
}

/// Closes an element: with a `<title>` child (a tooltip) when there is one.
fn close(out: &mut Out, tag: &str, title: Option<&String>) {
    let o = &mut out.o;
    match title.filter(|_| !out.interactive) {
        Some(t) => {
            o.push_str("><title>");
            esc(o, t);
            let _ = write!(o, "</title></{tag}>");
        }
        None => o.push_str("/>"),
    }
}

fn node(out: &mut Out, n: &Node) {
    match n {
        Node::Group(g) => {
            let o = &mut out.o;
            o.push_str("<g aria-label=\"");
            esc(o, &g.label);
            o.push('"');
            if let Some(t) = g.task {
                let _ = write!(o, " data-task=\"{t}\"");
            }
            o.push('>');
            out.depth += 1;
            for c in &g.children {
                node(out, c);
            }
            out.depth -= 1;
            out.o.push_str("</g>\n");
        }
        Node::Rect(r) => {
            let o = &mut out.o;
            o.push_str("<rect");
            attr_num(o, "x", r.x);
            attr_num(o, "y", r.y);
            attr_num(o, "width", r.w.max(0.0));
            attr_num(o, "height", r.h.max(0.0));
            style(out, r.class, false);
            if let Some(s) = r.src {
                let _ = write!(out.o, " data-line=\"{}\" data-col=\"{}\"", s.line, s.col);
            }
            mark_attrs(out, r.title.as_ref(), r.src.is_some());
            close(out, "rect", r.title.as_ref());
        }
        Node::Line(l) => {
            let o = &mut out.o;
            o.push_str("<line");
            attr_num(o, "x1", l.x1);
            attr_num(o, "y1", l.y1);
            attr_num(o, "x2", l.x2);
            attr_num(o, "y2", l.y2);
            style(out, l.class, false);
            mark_attrs(out, l.title.as_ref(), false);
            close(out, "line", l.title.as_ref());
        }
        Node::Path(p) => {
            let o = &mut out.o;
            o.push_str("<path d=\"");
            esc(o, &p.d);
            o.push('"');
            style(out, p.class, false);
            mark_attrs(out, p.title.as_ref(), false);
            close(out, "path", p.title.as_ref());
        }
        Node::Text(t) => {
            let o = &mut out.o;
            o.push_str("<text");
            attr_num(o, "x", t.x);
            attr_num(o, "y", t.y);
            match t.anchor {
                Anchor::Start => {}
                Anchor::Middle => o.push_str(" text-anchor=\"middle\""),
                Anchor::End => o.push_str(" text-anchor=\"end\""),
            }
            style(out, t.class, true);
            mark_attrs(out, t.title.as_ref(), false);
            let o = &mut out.o;
            o.push('>');
            if let Some(title) = t.title.as_ref().filter(|_| !out.interactive) {
                o.push_str("<title>");
                esc(o, title);
                o.push_str("</title>");
            }
            esc(o, &t.text);
            o.push_str("</text>");
        }
    }
}

/// The scene as a standalone SVG document (UTF-8, no XML declaration needed).
pub fn render(scene: &Scene) -> String {
    write(scene, false)
}

/// The scene for a page that includes [`super::palette::css`] and shows its own
/// tooltips: see the module documentation.
pub fn render_interactive(scene: &Scene) -> String {
    write(scene, true)
}

fn write(scene: &Scene, interactive: bool) -> String {
    let mut out = Out {
        o: String::with_capacity(4096 + scene.walk().len() * 200),
        id: scene.id.clone(),
        interactive,
        marks: 0,
        depth: 0,
    };
    let (o, id) = (&mut out.o, scene.id.as_str());
    o.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\"");
    attr_num(o, "width", scene.width);
    attr_num(o, "height", scene.height);
    o.push_str(" viewBox=\"0 0 ");
    num(o, scene.width);
    o.push(' ');
    num(o, scene.height);
    if interactive {
        // Focusable marks inside: a group (an `img` would hide them), named by
        // `aria-label` (a root `<title>` would be a tooltip over the whole chart).
        o.push_str("\" role=\"group\" aria-label=\"");
        esc(o, &scene.title);
        o.push_str("\" aria-describedby=\"");
        esc(o, id);
        o.push_str("-desc\">\n<desc id=\"");
    } else {
        o.push_str("\" role=\"img\" aria-labelledby=\"");
        esc(o, id);
        o.push_str("-title ");
        esc(o, id);
        let _ = write!(
            o,
            "-desc\" font-family=\"{}\">\n<title id=\"",
            SANS.replace('\'', "&apos;")
        );
        esc(o, id);
        o.push_str("-title\">");
        esc(o, &scene.title);
        o.push_str("</title>\n<desc id=\"");
    }
    esc(o, id);
    o.push_str("-desc\">");
    esc(o, &scene.desc);
    o.push_str("</desc>\n<defs>");
    for p in PATTERNS {
        // Interactive: the tiles' colours come from the stylesheet too.
        let (bg, fg) = if interactive {
            (String::new(), String::new())
        } else {
            (
                format!(" fill=\"{}\"", p.light.0),
                format!(" stroke=\"{}\"", p.light.1),
            )
        };
        o.push_str("<pattern id=\"");
        esc(o, id);
        let _ = write!(
            o,
            "-{0}\" width=\"{1}\" height=\"{1}\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
             <rect class=\"as-pat-{0}-bg\" width=\"{1}\" height=\"{1}\"{bg}/>\
             <line class=\"as-pat-{0}-fg\" x1=\"1\" y1=\"0\" x2=\"1\" y2=\"{1}\"{fg} stroke-width=\"1.5\"/>",
            p.id, p.size
        );
        if p.cross {
            let _ = write!(
                o,
                "<line class=\"as-pat-{0}-fg\" x1=\"0\" y1=\"1\" x2=\"{1}\" y2=\"1\"{fg} stroke-width=\"1.5\"/>",
                p.id, p.size
            );
        }
        o.push_str("</pattern>");
    }
    o.push_str("</defs>\n");
    for n in &scene.nodes {
        node(&mut out, n);
    }
    out.o.push_str("</svg>\n");
    out.o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_forbidden_characters() {
        let mut o = String::new();
        esc(&mut o, "a<b & \"c\"\u{1b}[0m\n\u{FFFF}é\u{FFFD}>");
        assert_eq!(
            o,
            "a&lt;b &amp; &quot;c&quot;\u{FFFD}[0m\n\u{FFFD}é\u{FFFD}&gt;"
        );
    }

    #[test]
    fn numbers_have_at_most_one_decimal() {
        let mut o = String::new();
        for x in [12.0, 12.25, 0.04, f64::NAN] {
            num(&mut o, x);
            o.push(' ');
        }
        assert_eq!(o, "12 12.3 0 0 ");
    }
}
