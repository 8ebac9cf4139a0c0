//! In the browser: the program editor (typing, highlighting, indentation keys,
//! error and await marks) and the console (one time-stamped row per line).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use awaitscope::run::console::{LineSplitter, ShownLines};
use awaitscope::vm::OutChunk;
use awaitscope::web::console::{Console, ConsoleProps};
use awaitscope::web::editor::{
    backspace_edit, byte_offset, byte_to_utf16, dedent_edit, highlighted_lines, indent_edit,
    newline_edit, tab_edit, utf16_to_byte, Editor, EditorMark, TextEdit,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlDocument, HtmlTextAreaElement, KeyboardEvent, KeyboardEventInit};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .expect("a browser window")
        .document()
        .expect("a document")
}

/// A fresh element in the document for one test to mount into.
fn fresh_root() -> Element {
    let root = document().create_element("div").expect("a div");
    document()
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("the div joins the body");
    root
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn all_texts(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).expect("a valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|node| node.text_content().unwrap_or_default())
        .collect()
}

/// A page-like owner of the editor: keeps the text in state (the editor is
/// controlled) and records every `on_change`.
#[derive(Properties, PartialEq)]
struct HostProps {
    initial: AttrValue,
    changes: Rc<RefCell<Vec<String>>>,
    #[prop_or_default]
    error: Option<EditorMark>,
    #[prop_or_default]
    highlight: Option<u32>,
}

#[component]
fn Host(props: &HostProps) -> Html {
    let source = use_state(|| props.initial.to_string());
    let on_change = {
        let (source, changes) = (source.clone(), props.changes.clone());
        Callback::from(move |text: String| {
            changes.borrow_mut().push(text.clone());
            source.set(text);
        })
    };
    html! {
        <Editor source={AttrValue::from((*source).clone())} {on_change}
            error={props.error.clone()} highlight={props.highlight} />
    }
}

struct Mounted {
    root: Element,
    changes: Rc<RefCell<Vec<String>>>,
    handle: yew::AppHandle<Host>,
}

impl Mounted {
    fn area(&self) -> HtmlTextAreaElement {
        find(&self.root, "textarea").unchecked_into()
    }
    fn code_text(&self) -> String {
        find(&self.root, ".editor-code code")
            .text_content()
            .unwrap_or_default()
    }
    fn last_change(&self) -> Option<String> {
        self.changes.borrow().last().cloned()
    }
}

async fn mount(source: &str, error: Option<EditorMark>, highlight: Option<u32>) -> Mounted {
    let root = fresh_root();
    let changes = Rc::new(RefCell::new(Vec::new()));
    let props = HostProps {
        initial: AttrValue::from(source.to_string()),
        changes: changes.clone(),
        error,
        highlight,
    };
    let handle = yew::Renderer::<Host>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    Mounted {
        root,
        changes,
        handle,
    }
}

/// Dispatches a keydown on the textarea; true if the editor took it (preventDefault).
fn press(area: &HtmlTextAreaElement, key: &str, shift: bool) -> bool {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
        .expect("a keyboard event");
    !area.dispatch_event(&event).expect("dispatch")
}

fn type_text(area: &HtmlTextAreaElement, text: &str) {
    area.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).expect("an input event");
    area.dispatch_event(&event).expect("dispatch");
}

fn selection(area: &HtmlTextAreaElement) -> (u32, u32) {
    (
        area.selection_start().unwrap().unwrap(),
        area.selection_end().unwrap().unwrap(),
    )
}

const PROGRAM: &str = "import asyncio\n\nasync def main():\n    print(\"Hello\")  # greet\n    await asyncio.sleep(1.5)\n\nasyncio.run(main())\n";

#[wasm_bindgen_test]
async fn highlighting_shows_the_source_byte_for_byte_with_token_spans() {
    let m = mount(PROGRAM, None, None).await;
    assert_eq!(m.code_text(), PROGRAM);
    assert_eq!(m.area().value(), PROGRAM);
    assert_eq!(
        all_texts(&m.root, ".tok-async"),
        ["async", "await"],
        "async and await stand out"
    );
    let keywords = all_texts(&m.root, ".tok-kw");
    for kw in ["import", "async", "def", "await"] {
        assert!(keywords.iter().any(|k| k == kw), "{kw} in {keywords:?}");
    }
    assert_eq!(all_texts(&m.root, ".tok-str"), ["\"Hello\""]);
    assert_eq!(all_texts(&m.root, ".tok-num"), ["1.5"]);
    assert_eq!(all_texts(&m.root, ".tok-comment"), ["# greet"]);
    assert_eq!(all_texts(&m.root, ".tok-def"), ["main"]);
    assert!(all_texts(&m.root, ".tok-builtin").contains(&"print".to_string()));
    // One number per textarea line (the last, after the final newline, included).
    assert_eq!(
        find(&m.root, ".editor-numbers").text_content().unwrap(),
        "1\n2\n3\n4\n5\n6\n7\n8"
    );
}

#[wasm_bindgen_test]
async fn fstring_fields_are_code_and_unicode_survives() {
    let source = "name = 'wörld'\nprint(f\"héllo {name!r:>10} 🎉\")\n";
    let m = mount(source, None, None).await;
    assert_eq!(m.code_text(), source);
    let strings = all_texts(&m.root, ".tok-str");
    assert!(
        strings.iter().all(|s| !s.contains("name")),
        "the field is code, not string: {strings:?}"
    );
    assert!(strings.iter().any(|s| s.contains("héllo")));
}

#[wasm_bindgen_test]
async fn carriage_returns_are_shown_as_the_textarea_holds_them() {
    let source = "a = 1\r\nb = 2\rc = 3\r\n";
    let mut m = mount(source, None, None).await;
    let area = m.area();
    assert_eq!(area.value(), "a = 1\nb = 2\nc = 3\n");
    assert_eq!(m.code_text(), "a = 1\nb = 2\nc = 3\n");
    assert_eq!(
        find(&m.root, ".editor-numbers").text_content().unwrap(),
        "1\n2\n3\n4"
    );
    // A re-render leaves the caret where it is.
    area.set_selection_range(3, 3).unwrap();
    m.handle.update(HostProps {
        initial: AttrValue::from(source),
        changes: m.changes.clone(),
        error: None,
        highlight: Some(2),
    });
    yew::scheduler::flush().await;
    find(&m.root, ".editor-tint-await");
    assert_eq!(selection(&area), (3, 3));
}

#[wasm_bindgen_test]
async fn typing_emits_the_new_text_and_redraws_it() {
    let m = mount("print(1)\n", None, None).await;
    let area = m.area();
    let typed = "async def f():\n    await g()\n";
    type_text(&area, typed);
    assert_eq!(m.last_change().as_deref(), Some(typed));
    yew::scheduler::flush().await;
    assert_eq!(m.code_text(), typed);
    assert_eq!(all_texts(&m.root, ".tok-async"), ["async", "await"]);
    assert_eq!(area.value(), typed, "the controlled value is kept");
}

#[wasm_bindgen_test]
async fn a_redraw_of_changed_lines_equals_a_full_redraw() {
    let start = "import asyncio\n\nasync def main():\n    x = 1\n    y = 2\n    print(x)\n";
    let m = mount(start, None, None).await;
    let area = m.area();
    let code = find(&m.root, ".editor-code code");
    let edits = [
        // a line inserted in the middle
        "import asyncio\n\nasync def main():\n    x = 1\n    await g()\n    y = 2\n    print(x)\n",
        // two lines deleted
        "import asyncio\n\nasync def main():\n    print(x)\n",
        // a triple quote re-colours every line after it
        "import asyncio\n\"\"\"\nasync def main():\n    print(x)\n",
        // the same lines again, then a change on the last line
        "import asyncio\n\nasync def main():\n    print(x)\n",
        "import asyncio\n\nasync def main():\n    print(x) # <b>&amp;</b>",
        "",
        "one line",
    ];
    for text in edits {
        type_text(&area, text);
        yew::scheduler::flush().await;
        assert_eq!(m.code_text(), text);
        assert_eq!(
            code.inner_html(),
            highlighted_lines(text, None).concat(),
            "after editing to {text:?}"
        );
        assert_eq!(
            code.child_element_count() as usize,
            text.split('\n').count(),
            "one element per line"
        );
    }
}

#[wasm_bindgen_test]
async fn tab_inserts_four_spaces_and_shift_tab_removes_them() {
    let m = mount("x = 1\ny = 2\n", None, None).await;
    let area = m.area();
    area.focus().unwrap();
    area.set_selection_range(6, 6).unwrap(); // start of line 2
    assert!(press(&area, "Tab", false), "Tab is the editor's");
    assert_eq!(area.value(), "x = 1\n    y = 2\n");
    assert_eq!(selection(&area), (10, 10));
    assert_eq!(m.last_change().as_deref(), Some("x = 1\n    y = 2\n"));
    yew::scheduler::flush().await;
    assert_eq!(m.code_text(), "x = 1\n    y = 2\n");

    assert!(press(&area, "Tab", true));
    assert_eq!(area.value(), "x = 1\ny = 2\n");
    assert_eq!(selection(&area), (6, 6));
    assert_eq!(m.last_change().as_deref(), Some("x = 1\ny = 2\n"));
}

#[wasm_bindgen_test]
async fn tab_indents_every_selected_line_and_shift_tab_dedents_them() {
    let m = mount("a\nb\nc\n", None, None).await;
    let area = m.area();
    area.focus().unwrap();
    area.set_selection_range(0, 3).unwrap(); // "a\nb"
    assert!(press(&area, "Tab", false));
    assert_eq!(area.value(), "    a\n    b\nc\n");
    assert_eq!(selection(&area), (0, 11), "the lines stay selected");
    assert!(press(&area, "Tab", true));
    assert_eq!(area.value(), "a\nb\nc\n");
    assert_eq!(selection(&area), (0, 3));
    // Nothing to dedent: the key is still the editor's, the text unchanged.
    assert!(press(&area, "Tab", true));
    assert_eq!(area.value(), "a\nb\nc\n");
}

#[wasm_bindgen_test]
async fn a_tab_edit_can_be_undone() {
    let m = mount("y = 2\n", None, None).await;
    let area = m.area();
    area.focus().unwrap();
    area.set_selection_range(0, 0).unwrap();
    assert!(press(&area, "Tab", false));
    assert_eq!(area.value(), "    y = 2\n");
    let document: HtmlDocument = document().unchecked_into();
    assert!(document.exec_command("undo").unwrap(), "undo is available");
    assert_eq!(area.value(), "y = 2\n");
    assert_eq!(
        m.last_change().as_deref(),
        Some("y = 2\n"),
        "undo reaches the page"
    );
}

#[wasm_bindgen_test]
async fn backspace_in_the_indentation_removes_one_step() {
    let m = mount("if x:\n        y\n", None, None).await;
    let area = m.area();
    area.focus().unwrap();
    area.set_selection_range(14, 14).unwrap(); // after the 8 spaces
    assert!(press(&area, "Backspace", false));
    assert_eq!(area.value(), "if x:\n    y\n");
    assert_eq!(selection(&area), (10, 10));
    assert_eq!(m.last_change().as_deref(), Some("if x:\n    y\n"));
    area.set_selection_range(11, 11).unwrap(); // after "y"
    assert!(!press(&area, "Backspace", false), "an ordinary backspace");
}

#[wasm_bindgen_test]
async fn escape_then_tab_leaves_the_editor() {
    let m = mount("x = 1\n", None, None).await;
    let area = m.area();
    area.focus().unwrap();
    area.set_selection_range(0, 0).unwrap();
    assert!(!press(&area, "Escape", false), "Escape is not swallowed");
    assert!(
        !press(&area, "Tab", false),
        "Tab after Escape is left to the browser (focus moves on)"
    );
    assert_eq!(area.value(), "x = 1\n");
    assert!(
        press(&area, "Tab", false),
        "only the one Tab after Escape escapes"
    );
    assert_eq!(area.value(), "    x = 1\n");
}

#[wasm_bindgen_test]
async fn enter_keeps_the_indentation_and_opens_blocks() {
    let source = "async def main():\n    if x:  # note";
    let m = mount(source, None, None).await;
    let area = m.area();
    area.focus().unwrap();
    let end = source.len() as u32;
    area.set_selection_range(end, end).unwrap();
    assert!(press(&area, "Enter", false));
    assert_eq!(area.value(), format!("{source}\n        "));
    assert_eq!(selection(&area), (end + 9, end + 9));
    area.set_selection_range(17, 17).unwrap(); // after "main():"
    assert!(press(&area, "Enter", false));
    assert!(area
        .value()
        .starts_with("async def main():\n    \n    if x:"));
}

#[wasm_bindgen_test]
async fn the_error_line_and_column_are_marked_and_the_message_shown() {
    let source = "x = 1\nif x\n    pass\n";
    let error = EditorMark {
        line: 2,
        col: 5,
        message: "SyntaxError: expected ':'".into(),
    };
    let m = mount(source, Some(error), None).await;
    assert_eq!(m.code_text(), source, "marks add no characters to the text");
    let body_tint = find(&m.root, ".editor-body .editor-tint-error");
    assert_eq!(
        body_tint.get_attribute("style").as_deref(),
        Some("--line: 1")
    );
    find(&m.root, ".editor-gutter .editor-tint-error");
    // Column 5 of "if x" is its end: the end-of-line marker.
    find(&m.root, ".editor-error-eol");
    let message = find(&m.root, ".editor-error").text_content().unwrap();
    assert!(message.contains("Line 2, column 5:"), "{message}");
    assert!(message.contains("SyntaxError: expected ':'"), "{message}");
    let area = m.area();
    assert_eq!(area.get_attribute("aria-invalid").as_deref(), Some("true"));
    let error_id = find(&m.root, ".editor-error").id();
    assert!(area
        .get_attribute("aria-describedby")
        .unwrap()
        .split(' ')
        .any(|id| id == error_id));
}

#[wasm_bindgen_test]
async fn the_error_character_is_underlined() {
    let source = "async def main():\n    print(undefined_name)\n";
    let error = EditorMark {
        line: 2,
        col: 11,
        message: "NameError: name 'undefined_name' is not defined".into(),
    };
    let m = mount(source, Some(error), None).await;
    assert_eq!(m.code_text(), source);
    assert_eq!(all_texts(&m.root, ".editor-error-char"), ["u"]);
    // No error: no marks.
    let clean = mount(source, None, None).await;
    assert!(clean
        .root
        .query_selector(".editor-error-char")
        .unwrap()
        .is_none());
    assert!(clean
        .root
        .query_selector(".editor-error")
        .unwrap()
        .is_none());
    assert!(clean.root.query_selector(".editor-tint").unwrap().is_none());
    assert_eq!(
        clean.area().get_attribute("aria-invalid"),
        None,
        "valid text is not marked invalid"
    );
}

#[wasm_bindgen_test]
async fn an_error_without_a_place_is_shown_without_a_mark() {
    let error = EditorMark {
        line: 0,
        col: 0,
        message: "RuntimeError: the program ran too long".into(),
    };
    let m = mount("while True:\n    pass\n", Some(error), None).await;
    let message = find(&m.root, ".editor-error").text_content().unwrap();
    assert_eq!(message, "RuntimeError: the program ran too long");
    assert!(m.root.query_selector(".editor-tint").unwrap().is_none());
    assert!(m
        .root
        .query_selector(".editor-error-char, .editor-error-eol")
        .unwrap()
        .is_none());
    assert_eq!(m.code_text(), "while True:\n    pass\n");
}

#[wasm_bindgen_test]
async fn the_highlighted_await_line_is_tinted_and_scrolled_into_view() {
    let source: String = (1..=200)
        .map(|i| format!("    await asyncio.sleep({i})\n"))
        .collect();
    let mut m = mount(&source, None, None).await;
    let scroller = find(&m.root, ".editor-scroller");
    assert_eq!(scroller.scroll_top(), 0);
    m.handle.update(HostProps {
        initial: AttrValue::from(source.clone()),
        changes: m.changes.clone(),
        error: None,
        highlight: Some(150),
    });
    yew::scheduler::flush().await;
    let tint = find(&m.root, ".editor-body .editor-tint-await");
    assert_eq!(tint.get_attribute("style").as_deref(), Some("--line: 149"));
    let (tint_box, view) = (
        tint.get_bounding_client_rect(),
        scroller.get_bounding_client_rect(),
    );
    assert!(
        tint_box.top() >= view.top() && tint_box.bottom() <= view.bottom(),
        "line 150 is visible: tint {}..{}, view {}..{}",
        tint_box.top(),
        tint_box.bottom(),
        view.top(),
        view.bottom()
    );
}

/// Measures (prints, does not assert) what one typed character costs in a
/// 500-line program: the browser's own insertion, the editor's re-render
/// (lexer, HTML of each line, the changed line rewritten) and the layout after.
#[wasm_bindgen_test]
async fn highlighting_a_500_line_program_while_typing() {
    let line = "    await asyncio.sleep(0.5)  # a \"comment\" with f'{x}'\n";
    let mut source = String::from("import asyncio\nasync def main():\n");
    for i in 0..498 {
        source.push_str(&line.replace("0.5", &i.to_string()));
    }
    let m = mount(&source, None, None).await;
    let area = m.area();
    area.focus().unwrap();
    // The end of line 250.
    let caret = source.match_indices('\n').nth(249).unwrap().0;
    area.set_selection_range(caret as u32, caret as u32)
        .unwrap();
    let document: HtmlDocument = document().unchecked_into();
    let performance = web_sys::window().unwrap().performance().unwrap();
    let (mut input, mut render, mut layout, mut worst) = (0.0, 0.0, 0.0, 0.0f64);
    let rounds = 30;
    let mut expected = source.clone();
    for i in 0..rounds {
        let typed = char::from(b'a' + (i % 26) as u8).to_string();
        expected.insert_str(caret + i as usize, &typed);
        let t0 = performance.now();
        assert!(document
            .exec_command_with_show_ui_and_value("insertText", false, &typed)
            .unwrap());
        let t1 = performance.now();
        yew::scheduler::flush().await;
        let t2 = performance.now();
        let _ = find(&m.root, ".editor-code").get_bounding_client_rect();
        let t3 = performance.now();
        assert_eq!(m.last_change().as_deref(), Some(expected.as_str()));
        assert_eq!(m.code_text(), expected);
        input += t1 - t0;
        render += t2 - t1;
        layout += t3 - t2;
        worst = worst.max(t3 - t0);
    }
    let n = f64::from(rounds);
    // The parts of a render: the engine's lexer alone, and lexer + line HTML.
    let start = performance.now();
    let runs = awaitscope::python::highlight(&source).len();
    let lex = performance.now() - start;
    let start = performance.now();
    let html = highlighted_lines(&source, None).concat();
    let build = performance.now() - start;
    assert!(html.len() > source.len() && runs > 5 * 498);
    console_log!(
        "500-line program ({} bytes, {runs} runs), one character typed: {:.2} ms on average \
         ({:.2} input, {:.2} render, {:.2} layout), {:.2} ms worst, {rounds} keys; \
         lexer {:.2} ms, lexer + HTML {:.2} ms",
        source.len(),
        (input + render + layout) / n,
        input / n,
        render / n,
        layout / n,
        worst,
        lex,
        build
    );
}

#[wasm_bindgen_test]
fn indentation_edits() {
    let text = "if x:\n    a\n    b\nc";
    // Collapsed caret: four spaces where it stands.
    assert_eq!(
        tab_edit(text, 3..3),
        TextEdit {
            range: 3..3,
            text: "    ".into(),
            selection: 7..7
        }
    );
    // A selection ending at a line's start does not touch that line.
    let edit = indent_edit(text, 6..18);
    assert_eq!(edit.range, 6..17);
    assert_eq!(edit.text, "        a\n        b");
    // Dedent moves a caret inside the removed indentation to its end.
    let edit = dedent_edit(text, 8..8).expect("line 2 is indented");
    assert_eq!((edit.range.clone(), edit.text.as_str()), (6..11, "a"));
    assert_eq!(edit.selection, 6..6);
    assert_eq!(dedent_edit(text, 0..2), None, "nothing to dedent");
    let two_spaces = dedent_edit("  x", 3..3).unwrap();
    assert_eq!(
        (two_spaces.text.as_str(), two_spaces.selection),
        ("x", 1..1)
    );
    // Backspace in the indentation goes back one step; elsewhere it is the browser's.
    let back = |text: &str, at: usize| backspace_edit(text, at..at).map(|e| (e.range, e.selection));
    assert_eq!(back("        x", 8), Some((4..8, 4..4)));
    assert_eq!(back("      x", 6), Some((4..6, 4..4)), "to the step below");
    assert_eq!(back("a\n    x", 6), Some((2..6, 2..2)));
    assert_eq!(back("     x", 5), None, "one space: an ordinary backspace");
    assert_eq!(back("    x", 5), None, "after text");
    assert_eq!(back("x", 0), None);
    assert_eq!(
        backspace_edit("        x", 2..6),
        None,
        "a selection is just deleted"
    );
    // Enter after a ':' (a ':' inside a string or comment does not count).
    assert_eq!(newline_edit("    while True:", 15..15).text, "\n        ");
    assert_eq!(newline_edit("    x = ':'", 11..11).text, "\n    ");
    assert_eq!(newline_edit("    x = 1  # a:", 15..15).text, "\n    ");
}

#[wasm_bindgen_test]
fn offsets() {
    let text = "é🎉\nab";
    assert_eq!(utf16_to_byte(text, 1), 2);
    assert_eq!(utf16_to_byte(text, 3), 6);
    assert_eq!(utf16_to_byte(text, 99), text.len());
    assert_eq!(byte_to_utf16(text, 6), 3);
    assert_eq!(byte_offset(text, 1, 2), Some(2));
    assert_eq!(byte_offset(text, 2, 2), Some(8));
    assert_eq!(
        byte_offset(text, 2, 50),
        Some(9),
        "clamped to the line's end"
    );
    assert_eq!(byte_offset(text, 3, 1), None);
}

/// What the driver hands the console for these writes.
fn shown(chunks: &[OutChunk]) -> Rc<ShownLines> {
    let mut splitter = LineSplitter::new();
    for c in chunks {
        splitter.push(c.t, c.task, &c.text, c.stderr);
    }
    Rc::new(splitter.shown())
}

fn chunk(t: f64, text: &str, stderr: bool) -> OutChunk {
    OutChunk {
        t,
        task: Some(1),
        text: text.to_string(),
        stderr,
    }
}

#[wasm_bindgen_test]
async fn the_console_shows_one_stamped_row_per_line() {
    let root = fresh_root();
    let shown = shown(&[
        chunk(0.0, "Hello", false),
        chunk(1.0, " World\n\n", false),
        chunk(2.5, "Traceback (most recent call last):\n  File \"main.py\", line 3, in <module>\nValueError: boom\n", true),
    ]);
    let _handle =
        yew::Renderer::<Console>::with_root_and_props(root.clone(), ConsoleProps { shown })
            .render();
    yew::scheduler::flush().await;
    let log = find(&root, ".console");
    assert_eq!(log.get_attribute("role").as_deref(), Some("log"));
    assert_eq!(log.get_attribute("aria-live").as_deref(), Some("polite"));
    assert_eq!(
        all_texts(&root, ".console-line .console-text"),
        [
            "Hello World",
            "",
            "Traceback (most recent call last):",
            "  File \"main.py\", line 3, in <module>",
            "ValueError: boom"
        ]
    );
    assert_eq!(
        all_texts(&root, ".console-line .console-time"),
        ["0.000 s", "1.000 s", "2.500 s", "2.500 s", "2.500 s"]
    );
    assert_eq!(
        all_texts(&root, ".console-stderr .console-text"),
        [
            "Traceback (most recent call last):",
            "  File \"main.py\", line 3, in <module>",
            "ValueError: boom"
        ]
    );
}

#[wasm_bindgen_test]
async fn the_console_follows_new_lines_unless_scrolled_up() {
    let root = fresh_root();
    let lines = |n: usize| -> Rc<ShownLines> {
        let chunks: Vec<OutChunk> = (0..n)
            .map(|i| chunk(i as f64, &format!("line {i}\n"), false))
            .collect();
        shown(&chunks)
    };
    let mut handle = yew::Renderer::<Console>::with_root_and_props(
        root.clone(),
        ConsoleProps { shown: lines(50) },
    )
    .render();
    yew::scheduler::flush().await;
    let log = find(&root, ".console");
    // The page's stylesheet is not loaded here: give the log its scrolling box.
    log.set_attribute("style", "max-height: 100px; overflow: auto")
        .unwrap();
    handle.update(ConsoleProps { shown: lines(60) });
    yew::scheduler::flush().await;
    let at_bottom =
        |log: &Element| log.scroll_height() - log.scroll_top() - log.client_height() <= 1;
    assert!(
        log.scroll_height() > log.client_height(),
        "the log overflows"
    );
    assert!(at_bottom(&log), "newest line in view");

    handle.update(ConsoleProps { shown: lines(80) });
    yew::scheduler::flush().await;
    assert!(at_bottom(&log), "still following");

    log.set_scroll_top(0);
    log.dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    handle.update(ConsoleProps { shown: lines(120) });
    yew::scheduler::flush().await;
    assert_eq!(log.scroll_top(), 0, "a reader who scrolled up stays put");
    assert_eq!(
        root.query_selector_all(".console-line").unwrap().length(),
        120
    );
    // A new run (fewer lines) is followed again.
    handle.update(ConsoleProps { shown: lines(70) });
    yew::scheduler::flush().await;
    assert!(at_bottom(&log), "a new run is followed");
}
