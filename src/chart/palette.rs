//! Every colour of the chart, in one table: a CSS class per kind of mark, its
//! light style (inlined into the CLI's SVG) and its dark one (for the web app's
//! stylesheet, under `prefers-color-scheme: dark`).
//!
//! Colour is never the only cue: running is dark and solid, waiting light and
//! outlined, "ready" hatched, a blocked loop cross-hatched; an exception ends in
//! a diamond with a cross, a cancellation in a slashed circle, a normal return
//! in a bar; prints are triangles.

/// A kind of mark. The renderers give each its CSS class and style.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    Background,
    Stripe,
    Summary,
    Section,
    LaneLabel,
    LoopLabel,
    Grid,
    Axis,
    AxisLabel,
    Running,
    Waiting,
    Stuck,
    WaitLabel,
    Ready,
    Blocked,
    BlockedLabel,
    Iteration,
    Idle,
    Print,
    EndOk,
    EndError,
    EndErrorMark,
    EndCancel,
    RunEnd,
    Now,
    NowLabel,
    Legend,
    Muted,
}

/// Fill of a mark: nothing, a colour, or one of the [`PATTERNS`] (by id suffix).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    None,
    Color(&'static str),
    Pattern(&'static str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    Sans,
    Mono,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub fill: Paint,
    /// Stroke colour ("" for none), width, dash array ("" for solid).
    pub stroke: &'static str,
    pub stroke_width: f64,
    pub dash: &'static str,
    /// For text.
    pub font: Font,
    pub size: f64,
    pub bold: bool,
    /// Corner radius of rects.
    pub radius: f64,
}

const fn fill(c: &'static str) -> Style {
    Style {
        fill: Paint::Color(c),
        stroke: "",
        stroke_width: 0.0,
        dash: "",
        font: Font::Sans,
        size: 0.0,
        bold: false,
        radius: 0.0,
    }
}
const fn line(c: &'static str, w: f64, dash: &'static str) -> Style {
    Style {
        fill: Paint::None,
        stroke: c,
        stroke_width: w,
        dash,
        ..fill("")
    }
}
const fn text(c: &'static str, font: Font, size: f64, bold: bool) -> Style {
    Style {
        font,
        size,
        bold,
        ..fill(c)
    }
}
/// Text on a busy background: a halo of `bg` behind the glyphs (`stroke` painted first).
const fn halo(c: &'static str, bg: &'static str, font: Font, size: f64) -> Style {
    Style {
        stroke: bg,
        stroke_width: 3.0,
        ..text(c, font, size, true)
    }
}
const fn bar(f: Paint, c: &'static str) -> Style {
    Style {
        radius: 2.0,
        ..outlined(f, c, if c.is_empty() { 0.0 } else { 1.0 })
    }
}
const fn outlined(f: Paint, c: &'static str, w: f64) -> Style {
    Style {
        fill: f,
        stroke: c,
        stroke_width: w,
        ..fill("")
    }
}

/// Text sizes in px (the layout measures with them).
pub const LABEL_PX: f64 = 12.0;
pub const WAIT_PX: f64 = 11.0;
pub const SMALL_PX: f64 = 11.0;

impl Class {
    /// `as-running`: the CSS class the web app styles.
    pub fn css(self) -> &'static str {
        self.row().0
    }

    /// Light and dark styles.
    pub fn styles(self) -> (Style, Style) {
        let r = self.row();
        (r.1, r.2)
    }

    pub fn light(self) -> Style {
        self.row().1
    }

    fn row(self) -> (&'static str, Style, Style) {
        use Class::*;
        use Font::*;
        match self {
            Background => ("as-bg", fill("#ffffff"), fill("#14181f")),
            Stripe => ("as-stripe", fill("#f3f5f8"), fill("#1a2029")),
            Summary => (
                "as-summary",
                text("#111827", Sans, 15.0, true),
                text("#f1f5f9", Sans, 15.0, true),
            ),
            Section => (
                "as-section",
                text("#1f2933", Sans, 13.0, true),
                text("#d9e2ec", Sans, 13.0, true),
            ),
            LaneLabel => (
                "as-lane-label",
                text("#1f2933", Mono, LABEL_PX, false),
                text("#d9e2ec", Mono, LABEL_PX, false),
            ),
            LoopLabel => (
                "as-loop-label",
                text("#616e7c", Sans, LABEL_PX, false),
                text("#9aa5b1", Sans, LABEL_PX, false),
            ),
            Grid => (
                "as-grid",
                line("#e4e7eb", 1.0, ""),
                line("#2a323d", 1.0, ""),
            ),
            Axis => (
                "as-axis",
                line("#9aa5b1", 1.0, ""),
                line("#616e7c", 1.0, ""),
            ),
            AxisLabel => (
                "as-axis-label",
                text("#52606d", Sans, SMALL_PX, false),
                text("#9aa5b1", Sans, SMALL_PX, false),
            ),
            Running => (
                "as-running",
                bar(Paint::Color("#1f5fa8"), ""),
                bar(Paint::Color("#6aa7e8"), ""),
            ),
            Waiting => (
                "as-waiting",
                bar(Paint::Color("#d3e4f7"), "#7da4d0"),
                bar(Paint::Color("#1e3550"), "#3f6b9a"),
            ),
            Stuck => (
                "as-stuck",
                Style {
                    dash: "4 2",
                    ..bar(Paint::Color("#f6f7f9"), "#a61b1b")
                },
                Style {
                    dash: "4 2",
                    ..bar(Paint::Color("#1a2029"), "#f07167")
                },
            ),
            WaitLabel => (
                "as-wait-label",
                text("#163a63", Mono, WAIT_PX, false),
                text("#cfe0f3", Mono, WAIT_PX, false),
            ),
            Ready => (
                "as-ready",
                bar(Paint::Pattern("ready"), "#c98a12"),
                bar(Paint::Pattern("ready"), "#e0a93a"),
            ),
            Blocked => (
                "as-blocked",
                bar(Paint::Pattern("blocked"), "#a61b1b"),
                bar(Paint::Pattern("blocked"), "#f07167"),
            ),
            BlockedLabel => (
                "as-blocked-label",
                halo("#7a1010", "#fbe3e0", Mono, WAIT_PX),
                halo("#ffd7d2", "#4a1d1a", Mono, WAIT_PX),
            ),
            Iteration => ("as-iteration", fill("#52606d"), fill("#9aa5b1")),
            Idle => (
                "as-idle",
                line("#9aa5b1", 1.5, "2 3"),
                line("#616e7c", 1.5, "2 3"),
            ),
            Print => (
                "as-print",
                outlined(Paint::Color("#7b3fa0"), "#ffffff", 0.75),
                outlined(Paint::Color("#c99be6"), "#14181f", 0.75),
            ),
            EndOk => ("as-end-ok", fill("#323f4b"), fill("#d9e2ec")),
            EndError => (
                "as-end-error",
                outlined(Paint::Color("#c62828"), "#ffffff", 1.0),
                outlined(Paint::Color("#ef5350"), "#14181f", 1.0),
            ),
            EndErrorMark => (
                "as-end-error-mark",
                line("#ffffff", 1.6, ""),
                line("#14181f", 1.6, ""),
            ),
            EndCancel => (
                "as-end-cancel",
                outlined(Paint::Color("#ffffff"), "#616e7c", 1.6),
                outlined(Paint::Color("#14181f"), "#9aa5b1", 1.6),
            ),
            RunEnd => (
                "as-run-end",
                line("#7b8794", 1.0, "4 3"),
                line("#7b8794", 1.0, "4 3"),
            ),
            Now => ("as-now", line("#d9480f", 1.5, ""), line("#ff8a3d", 1.5, "")),
            NowLabel => (
                "as-now-label",
                halo("#d9480f", "#ffffff", Sans, SMALL_PX),
                halo("#ff8a3d", "#14181f", Sans, SMALL_PX),
            ),
            Legend => (
                "as-legend",
                text("#3e4c59", Sans, SMALL_PX, false),
                text("#bcccdc", Sans, SMALL_PX, false),
            ),
            Muted => (
                "as-muted",
                text("#616e7c", Sans, SMALL_PX, false),
                text("#9aa5b1", Sans, SMALL_PX, false),
            ),
        }
    }

    pub const ALL: [Class; 28] = {
        use Class::*;
        [
            Background,
            Stripe,
            Summary,
            Section,
            LaneLabel,
            LoopLabel,
            Grid,
            Axis,
            AxisLabel,
            Running,
            Waiting,
            Stuck,
            WaitLabel,
            Ready,
            Blocked,
            BlockedLabel,
            Iteration,
            Idle,
            Print,
            EndOk,
            EndError,
            EndErrorMark,
            EndCancel,
            RunEnd,
            Now,
            NowLabel,
            Legend,
            Muted,
        ]
    };
}

/// A hatching pattern: diagonal lines (`cross` adds the other diagonal) over a background.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pattern {
    /// Id suffix: the renderer names it `<scene id>-<suffix>`.
    pub id: &'static str,
    pub size: f64,
    pub cross: bool,
    /// (background, lines): light, then dark.
    pub light: (&'static str, &'static str),
    pub dark: (&'static str, &'static str),
}

pub const PATTERNS: [Pattern; 2] = [
    Pattern {
        id: "ready",
        size: 6.0,
        cross: false,
        light: ("#fff4d6", "#d4941a"),
        dark: ("#3a2f14", "#e0a93a"),
    },
    Pattern {
        id: "blocked",
        size: 6.0,
        cross: true,
        light: ("#fbe3e0", "#b42318"),
        dark: ("#4a1d1a", "#f07167"),
    },
];

// Short stacks: a browser looks up every family it does not have, per size and
// weight, before the one it uses (on Linux each lookup is a round trip to the
// browser process), which showed in the page's first paint.
pub const SANS: &str = "system-ui, sans-serif";
pub const MONO: &str = "ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace";

/// The stylesheet for the web app: every class in light, and dark under
/// `prefers-color-scheme: dark`. Pattern parts are classed `as-pat-<id>-bg` / `-fg`.
pub fn css() -> String {
    use std::fmt::Write;
    fn rules(out: &mut String, dark: bool) {
        for c in Class::ALL {
            let (l, d) = c.styles();
            let s = if dark { d } else { l };
            let _ = write!(out, ".{}{{", c.css());
            match s.fill {
                Paint::None => out.push_str("fill:none;"),
                Paint::Color(col) => {
                    let _ = write!(out, "fill:{col};");
                }
                Paint::Pattern(_) => {} // set per element (the pattern id is per chart)
            }
            if !s.stroke.is_empty() {
                let _ = write!(out, "stroke:{};stroke-width:{};", s.stroke, s.stroke_width);
            }
            if !s.dash.is_empty() {
                let _ = write!(out, "stroke-dasharray:{};", s.dash);
            }
            if s.size > 0.0 && !s.stroke.is_empty() {
                out.push_str("paint-order:stroke;stroke-linejoin:round;");
            }
            if s.radius > 0.0 {
                let _ = write!(out, "rx:{0}px;ry:{0}px;", s.radius);
            }
            if s.size > 0.0 && !dark {
                let family = if s.font == Font::Mono { MONO } else { SANS };
                let _ = write!(out, "font-family:{family};font-size:{}px;", s.size);
                if s.bold {
                    out.push_str("font-weight:600;");
                }
            }
            out.push_str("}\n");
        }
        for p in PATTERNS {
            let (bg, fg) = if dark { p.dark } else { p.light };
            let _ = writeln!(
                out,
                ".as-pat-{0}-bg{{fill:{bg}}}\n.as-pat-{0}-fg{{stroke:{fg}}}",
                p.id
            );
        }
    }
    let mut out = String::new();
    rules(&mut out, false);
    out.push_str("@media (prefers-color-scheme: dark){\n");
    rules(&mut out, true);
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_has_a_distinct_css_name_and_a_stylesheet_rule() {
        let css = css();
        let mut names: Vec<_> = Class::ALL.iter().map(|c| c.css()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Class::ALL.len());
        for n in names {
            assert_eq!(
                css.matches(&format!(".{n}{{")).count(),
                2,
                "{n}: light and dark"
            );
        }
        assert!(css.contains("prefers-color-scheme: dark"));
    }

    #[test]
    fn running_and_waiting_differ_in_lightness_not_only_hue() {
        // Relative luminance (sRGB, roughly): the solid bar must be much darker
        // than the waiting one, so the two read apart in greyscale.
        fn lum(hex: &str) -> f64 {
            let v = |i: usize| {
                u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0) as f64
                    / 255.0
            };
            0.2126 * v(1) + 0.7152 * v(3) + 0.0722 * v(5)
        }
        let color = |c: Class| match c.light().fill {
            Paint::Color(x) => x,
            _ => "#000000",
        };
        assert!(lum(color(Class::Waiting)) - lum(color(Class::Running)) > 0.4);
    }
}
