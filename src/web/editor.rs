//! The program editor: a transparent `<textarea>` over a `<pre>` highlighted by
//! the engine's own lexer (`python::highlight`), with a line-number gutter and
//! tints for the error line and the `await` line clicked in the chart.
//!
//! Why a textarea and not contenteditable: the textarea is the browser's own
//! plain-text editor, so typing, IME composition, touch selection, spell-check
//! off, screen readers and undo/redo all work natively and identically in
//! every browser; contenteditable would have us re-implement all of that.
//!
//! Layout: the textarea never scrolls itself. It lies exactly over the `<pre>`
//! (same font and metrics), and the `<pre>` gives both their size, so one outer
//! scroller moves text, highlighting, tints and (sticky) gutter together: no
//! scroll syncing, no lag. Lines never wrap; long lines scroll the editor, not
//! the page.
//!
//! Highlighting: one `<div>` of HTML per line, written straight into `<code>`;
//! an edit rewrites only the lines whose HTML changed (see `highlighted_lines`).
//!
//! Keys: Tab indents (4 spaces, or every selected line), Shift-Tab dedents,
//! Enter keeps the indentation (+4 after a `:`), Backspace in the indentation
//! goes back one step. Escape then Tab moves focus on (WCAG 2.1.2, no keyboard
//! trap); the hint under the editor says so. Edits made by keys go through
//! `execCommand("insertText")` so they join the native undo history; where
//! that is unavailable the text is set directly.
//!
//! The page must pass each `on_change` text straight back as `source`: a stale
//! `source` differs from the textarea and would overwrite what was typed.

use std::cell::Cell;
use std::ops::Range;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlDocument, HtmlTextAreaElement};
use yew::prelude::*;

use crate::page::highlight::gutter_text;
pub use crate::page::highlight::highlighted_lines;
use crate::python::highlight;
use crate::python::token::TokenClass;

/// An error to mark in the text (1-based line and column).
#[derive(Clone, Debug, PartialEq)]
pub struct EditorMark {
    pub line: u32,
    pub col: u32,
    pub message: String,
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub source: AttrValue,
    /// Every edit, with the whole new text.
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub error: Option<EditorMark>,
    /// A line to highlight (the `await` clicked in the chart), 1-based.
    #[prop_or_default]
    pub highlight: Option<u32>,
}

/// What one indentation step inserts.
pub const INDENT: &str = "    ";

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A page-unique id prefix, so several editors can share a page (embedding).
fn next_id() -> String {
    NEXT_ID.with(|n| {
        n.set(n.get() + 1);
        format!("editor-{}", n.get())
    })
}

#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let id = use_state(next_id);
    let area_ref = use_node_ref();
    let scroller_ref = use_node_ref();
    let numbers_ref = use_node_ref();
    let code_ref = use_node_ref();
    // Escape pressed: the next Tab leaves the editor instead of indenting.
    let tab_leaves = use_mut_ref(|| false);

    let error_at = props
        .error
        .as_ref()
        .map(|mark| (mark.line, mark.col))
        .filter(|&(line, _)| line >= 1);
    // A textarea's value has only \n line breaks: show the text as it will hold
    // it, or every render would find them different and reset the caret.
    let source = if props.source.contains('\r') {
        AttrValue::from(props.source.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        props.source.clone()
    };
    let code = use_memo((source.clone(), error_at), |(source, error_at)| {
        let offset = error_at.and_then(|(line, col)| byte_offset(source, line, col));
        highlighted_lines(source, offset)
    });
    let line_count = source.split('\n').count();
    let numbers = use_memo(line_count, |&n| gutter_text(n));

    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            on_change.emit(area.value());
        })
    };
    let onkeydown = {
        let (on_change, tab_leaves) = (props.on_change.clone(), tab_leaves.clone());
        Callback::from(move |event: KeyboardEvent| {
            let leave = std::mem::replace(&mut *tab_leaves.borrow_mut(), false);
            let key = event.key();
            if key == "Escape" {
                *tab_leaves.borrow_mut() = true;
                return;
            }
            if event.is_composing() || event.ctrl_key() || event.meta_key() || event.alt_key() {
                return;
            }
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            let text = area.value();
            let Some(selection) = selection_bytes(&area, &text) else {
                return;
            };
            let edit = match key.as_str() {
                "Tab" if leave => return,
                "Tab" if event.shift_key() => dedent_edit(&text, selection),
                "Tab" => Some(tab_edit(&text, selection)),
                "Enter" if !event.shift_key() => Some(newline_edit(&text, selection)),
                "Backspace" => match backspace_edit(&text, selection) {
                    Some(edit) => Some(edit),
                    None => return,
                },
                _ => return,
            };
            event.prevent_default();
            if let Some(edit) = edit {
                apply_edit(&area, &text, &edit, &on_change);
            }
        })
    };
    let onblur = {
        let tab_leaves = tab_leaves.clone();
        Callback::from(move |_: FocusEvent| *tab_leaves.borrow_mut() = false)
    };
    // The textarea scrolls itself only when the browser reveals the caret
    // before the <pre> has grown; hand that scroll to the outer scroller.
    let onscroll = {
        let scroller_ref = scroller_ref.clone();
        Callback::from(move |event: Event| {
            let area: Element = event.target_unchecked_into();
            if let Some(scroller) = scroller_ref.cast::<Element>() {
                scroller.set_scroll_top(scroller.scroll_top() + area.scroll_top());
                scroller.set_scroll_left(scroller.scroll_left() + area.scroll_left());
            }
            area.set_scroll_top(0);
            area.set_scroll_left(0);
        })
    };

    // The highlighted lines shown, as last written into <code> (the virtual DOM
    // leaves it empty): an edit rewrites only the lines that changed.
    let shown = use_mut_ref(|| Rc::new(Vec::<String>::new()));
    {
        let code_ref = code_ref.clone();
        use_effect_with(code.clone(), move |code| {
            if let Some(element) = code_ref.cast::<Element>() {
                patch_lines(&element, &mut shown.borrow_mut(), code.clone());
            }
        });
    }
    // After an edit, keep the caret's line in view (the browser may have
    // revealed it before the editor grew).
    {
        let (area_ref, scroller_ref, numbers_ref) =
            (area_ref.clone(), scroller_ref.clone(), numbers_ref.clone());
        use_effect_with(source.clone(), move |_| {
            if let (Some(area), Some(scroller), Some(code)) = (
                area_ref.cast::<HtmlTextAreaElement>(),
                scroller_ref.cast::<Element>(),
                numbers_ref.cast::<Element>(),
            ) {
                if is_focused(&area) {
                    let text = area.value();
                    if let Some(sel) = selection_bytes(&area, &text) {
                        let line = text[..sel.end].matches('\n').count() as u32 + 1;
                        reveal_line(&scroller, &code, line, false);
                    }
                }
            }
        });
    }
    // A line clicked in the chart scrolls into view.
    {
        let (scroller_ref, numbers_ref) = (scroller_ref.clone(), numbers_ref.clone());
        use_effect_with(props.highlight, move |&line| {
            if let (Some(line), Some(scroller), Some(code)) = (
                line,
                scroller_ref.cast::<Element>(),
                numbers_ref.cast::<Element>(),
            ) {
                reveal_line(&scroller, &code, line, true);
            }
        });
    }

    let hint_id = format!("{}-hint", *id);
    let error_id = format!("{}-error", *id);
    let described_by = match props.error {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    let tint = |line: u32, class: &'static str| {
        html! { <div class={class} style={format!("--line: {}", line - 1)}></div> }
    };
    let tints = html! {
        <>
            if let Some(line) = props.highlight.filter(|&line| line >= 1) {
                { tint(line, "editor-tint editor-tint-await") }
            }
            if let Some(line) = error_at.map(|(line, _)| line) {
                { tint(line, "editor-tint editor-tint-error") }
            }
        </>
    };

    html! {
        <div class="editor">
            <div class="editor-frame">
                <div class="editor-scroller" ref={scroller_ref}>
                    <div class="editor-gutter" aria-hidden="true">
                        { tints.clone() }
                        <pre class="editor-numbers" ref={numbers_ref}>{ (*numbers).clone() }</pre>
                    </div>
                    <div class="editor-body">
                        <div class="editor-tints" aria-hidden="true">{ tints }</div>
                        <pre class="editor-code" aria-hidden="true">
                            <code ref={code_ref}></code>
                            // The textarea shows a line after a final newline; so must we.
                            { "\n" }
                        </pre>
                        <textarea class="editor-input" ref={area_ref}
                            aria-label="Program source" aria-describedby={described_by}
                            aria-invalid={props.error.is_some().then_some("true")}
                            spellcheck="false" autocomplete="off" autocapitalize="off"
                            autocorrect="off" wrap="off"
                            value={source} {oninput} {onkeydown} {onblur} {onscroll} />
                    </div>
                </div>
            </div>
            if let Some(mark) = &props.error {
                <p class="editor-error" id={error_id}>
                    // An error without a place (line 0) is shown without one.
                    if mark.line >= 1 {
                        <span class="editor-error-where">
                            { format!("Line {}, column {}:", mark.line, mark.col) }
                        </span>
                        { " " }
                    }
                    { &mark.message }
                </p>
            }
            <p class="editor-hint" id={hint_id}>
                { crate::page::first_paint::EDITOR_HINT }
            </p>
        </div>
    }
}

/// Brings `code`'s line elements from `shown` to `lines`: the common first and
/// last lines stay, the lines between are replaced (all of them when the DOM
/// is not what we last wrote).
fn patch_lines(code: &Element, shown: &mut Rc<Vec<String>>, lines: Rc<Vec<String>>) {
    let children = code.children();
    if children.length() as usize != shown.len() {
        code.set_inner_html(&lines.concat());
        *shown = lines;
        return;
    }
    let prefix = shown
        .iter()
        .zip(lines.iter())
        .take_while(|(a, b)| a == b)
        .count();
    let room = shown.len().min(lines.len()) - prefix;
    let suffix = shown
        .iter()
        .rev()
        .zip(lines.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    for _ in prefix..shown.len() - suffix {
        if let Some(old) = children.item(prefix as u32) {
            old.remove();
        }
    }
    let middle = lines[prefix..lines.len() - suffix].concat();
    if !middle.is_empty() {
        let result = match children.item(prefix as u32) {
            Some(next) => next.insert_adjacent_html("beforebegin", &middle),
            None => code.insert_adjacent_html("beforeend", &middle),
        };
        if result.is_err() {
            code.set_inner_html(&lines.concat());
        }
    }
    *shown = lines;
}

/// The byte offset of 1-based `line` and character column `col` (clamped to
/// the line's end); None if the text has fewer lines.
pub fn byte_offset(text: &str, line: u32, col: u32) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line as usize - 2)?.0 + 1
    };
    let rest = &text[start..];
    let line_text = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let skip = col.saturating_sub(1) as usize;
    let within = line_text
        .char_indices()
        .nth(skip)
        .map_or(line_text.len(), |(i, _)| i);
    Some(start + within)
}

/// A change to the text: replace `range` (bytes) by `text`, then select
/// `selection` (bytes, in the new text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub range: Range<usize>,
    pub text: String,
    pub selection: Range<usize>,
}

/// The byte range of the lines touched by `sel` (a selection ending at the
/// very start of a line does not touch that line).
fn touched_lines(text: &str, sel: &Range<usize>) -> Range<usize> {
    let start = text[..sel.start].rfind('\n').map_or(0, |i| i + 1);
    let mut last = sel.end;
    if sel.end > sel.start && text[..sel.end].ends_with('\n') {
        last -= 1;
    }
    let end = text[last..].find('\n').map_or(text.len(), |i| last + i);
    start..end.max(start)
}

/// Tab: four spaces at the caret, or every touched line indented when text is selected.
pub fn tab_edit(text: &str, sel: Range<usize>) -> TextEdit {
    if !sel.is_empty() {
        return indent_edit(text, sel);
    }
    TextEdit {
        range: sel.clone(),
        text: INDENT.to_string(),
        selection: sel.start + INDENT.len()..sel.start + INDENT.len(),
    }
}

/// Every touched line indented by four spaces (blank lines of a multi-line
/// selection left alone); the selection follows its text.
pub fn indent_edit(text: &str, sel: Range<usize>) -> TextEdit {
    let lines = touched_lines(text, &sel);
    let block = &text[lines.clone()];
    let multi = block.contains('\n');
    let mut out = String::with_capacity(block.len() + 16);
    let (mut start_shift, mut end_shift) = (0, 0);
    let mut line_start = lines.start;
    for (i, line) in block.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !(multi && line.trim().is_empty()) {
            out.push_str(INDENT);
            if line_start < sel.start || (sel.start == line_start && i > 0) {
                start_shift += INDENT.len();
            }
            if line_start < sel.end || sel.is_empty() {
                end_shift += INDENT.len();
            }
        }
        out.push_str(line);
        line_start += line.len() + 1;
    }
    TextEdit {
        range: lines,
        text: out,
        selection: sel.start + start_shift..sel.end + end_shift,
    }
}

/// Every touched line loses up to four leading spaces (or one tab); None when
/// no line is indented.
pub fn dedent_edit(text: &str, sel: Range<usize>) -> Option<TextEdit> {
    let lines = touched_lines(text, &sel);
    let block = &text[lines.clone()];
    let mut out = String::with_capacity(block.len());
    let (mut new_start, mut new_end) = (sel.start, sel.end);
    let mut line_start = lines.start;
    let mut removed_total = 0;
    for (i, line) in block.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let removed = if line.starts_with('\t') {
            1
        } else {
            spaces.min(INDENT.len())
        };
        out.push_str(&line[removed..]);
        // A caret inside the removed indentation moves to where it ends.
        let cut = line_start..line_start + removed;
        let shift = |pos: usize| pos.saturating_sub(cut.start).min(removed);
        new_start -= shift(sel.start);
        new_end -= shift(sel.end);
        removed_total += removed;
        line_start += line.len() + 1;
    }
    if removed_total == 0 {
        return None;
    }
    Some(TextEdit {
        range: lines,
        text: out,
        selection: new_start..new_end,
    })
}

/// Enter: a newline with the current line's indentation, four more after a `:`.
pub fn newline_edit(text: &str, sel: Range<usize>) -> TextEdit {
    let line_start = text[..sel.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..sel.start];
    let indent_len = before.len() - before.trim_start_matches([' ', '\t']).len();
    let mut insert = String::from("\n");
    insert.push_str(&before[..indent_len]);
    let opens_block = highlight(before)
        .into_iter()
        .rev()
        .find(|(_, class)| !matches!(class, TokenClass::Whitespace | TokenClass::Comment))
        .is_some_and(|(range, class)| class == TokenClass::Operator && &before[range] == ":");
    if opens_block {
        insert.push_str(INDENT);
    }
    let caret = sel.start + insert.len();
    TextEdit {
        range: sel,
        text: insert,
        selection: caret..caret,
    }
}

/// Backspace in a line's leading spaces: back to the previous indentation
/// step (four spaces) instead of one space. None: an ordinary backspace.
pub fn backspace_edit(text: &str, sel: Range<usize>) -> Option<TextEdit> {
    if !sel.is_empty() {
        return None;
    }
    let line_start = text[..sel.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..sel.start];
    if before.is_empty() || before.bytes().any(|b| b != b' ') {
        return None;
    }
    let remove = match before.len() % INDENT.len() {
        0 => INDENT.len(),
        partial => partial,
    };
    if remove == 1 {
        return None;
    }
    Some(TextEdit {
        range: sel.start - remove..sel.start,
        text: String::new(),
        selection: sel.start - remove..sel.start - remove,
    })
}

/// The textarea's selection as byte offsets into `text` (its value).
fn selection_bytes(area: &HtmlTextAreaElement, text: &str) -> Option<Range<usize>> {
    let start = area.selection_start().ok()??;
    let end = area.selection_end().ok()??;
    let (start, end) = (utf16_to_byte(text, start), utf16_to_byte(text, end));
    Some(start.min(end)..end.max(start))
}

/// DOM selection offsets count UTF-16 units; Rust strings count bytes.
pub fn utf16_to_byte(text: &str, units: u32) -> usize {
    let mut count = 0u32;
    for (i, c) in text.char_indices() {
        if count >= units {
            return i;
        }
        count += c.len_utf16() as u32;
    }
    text.len()
}

pub fn byte_to_utf16(text: &str, byte: usize) -> u32 {
    text[..byte.min(text.len())]
        .chars()
        .map(|c| c.len_utf16() as u32)
        .sum()
}

/// Applies `edit` to the textarea as if typed (joins the undo history), or
/// directly when the browser refuses; either way `on_change` hears of it.
fn apply_edit(
    area: &HtmlTextAreaElement,
    text: &str,
    edit: &TextEdit,
    on_change: &Callback<String>,
) {
    let mut expected = String::with_capacity(text.len() + edit.text.len());
    expected.push_str(&text[..edit.range.start]);
    expected.push_str(&edit.text);
    expected.push_str(&text[edit.range.end..]);
    let (start, end) = (
        byte_to_utf16(text, edit.range.start),
        byte_to_utf16(text, edit.range.end),
    );
    let _ = area.set_selection_range(start, end);
    let document = area
        .owner_document()
        .and_then(|d| d.dyn_into::<HtmlDocument>().ok());
    // execCommand fires the input event itself (so oninput emits on_change).
    let inserted = document
        .and_then(|d| {
            if edit.text.is_empty() {
                d.exec_command("delete").ok()
            } else {
                d.exec_command_with_show_ui_and_value("insertText", false, &edit.text)
                    .ok()
            }
        })
        .unwrap_or(false);
    if !inserted || area.value() != expected {
        area.set_value(&expected);
        on_change.emit(expected.clone());
    }
    let _ = area.set_selection_range(
        byte_to_utf16(&expected, edit.selection.start),
        byte_to_utf16(&expected, edit.selection.end),
    );
}

fn is_focused(element: &HtmlTextAreaElement) -> bool {
    element
        .owner_document()
        .and_then(|d| d.active_element())
        .is_some_and(|active| element.is_same_node(Some(&active)))
}

/// Scrolls `scroller` so 1-based `line` is visible (centred if asked), measured
/// on the gutter's numbers (one line each, no padding).
fn reveal_line(scroller: &Element, numbers: &Element, line: u32, center: bool) {
    let lines = numbers
        .text_content()
        .unwrap_or_default()
        .split('\n')
        .count();
    let rect = numbers.get_bounding_client_rect();
    let line_height = rect.height() / lines.max(1) as f64;
    if line_height.is_nan() || line_height <= 0.0 {
        return;
    }
    let scroll = f64::from(scroller.scroll_top());
    let content_top = rect.top() - scroller.get_bounding_client_rect().top() + scroll;
    let top = content_top + f64::from(line.max(1) - 1) * line_height;
    let bottom = top + line_height;
    let view = f64::from(scroller.client_height());
    let target = if top >= scroll && bottom <= scroll + view {
        return;
    } else if center {
        top - (view - line_height) / 2.0
    } else if top < scroll {
        top - line_height
    } else {
        bottom - view + line_height
    };
    scroller.set_scroll_top(target.max(0.0).round() as i32);
}
