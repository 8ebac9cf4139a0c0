//! Text formatting exactly as CPython 3.11 does it: float repr, `format()` specs,
//! `str.format` templates, `%` formatting, `int()`/`float()` parsing and str
//! repr. Pure functions, no interpreter types: the VM converts its values and
//! raises the errors. Every `Err(String)` is a ValueError message unless the
//! item's docs say otherwise ([`C_RANGE_ERROR`], [`INT_TOO_LARGE`] and
//! [`round_float`]'s error are OverflowErrors).
//!
//! How the VM uses it (tests/format_vectors.rs renders templates and `%`
//! formats this way, with CPython's TypeErrors, and checks the result):
//! - `format(v, spec)` / f-string `{v:spec}`: int → [`format_int`], bool →
//!   `str(b)` if the spec is empty else [`format_int_named`]`(b as i64, spec,
//!   "bool")`, float → [`format_float`], str → [`format_str`]; any other object
//!   with an empty spec → `str(v)`, else TypeError "unsupported format string
//!   passed to T.__format__". `!r`/`!s`/`!a` first ([`str_repr`], [`str_ascii`]).
//! - `str.format`: [`parse_format_template_ordered`], then per piece: raise an
//!   `Error` piece, or look up the field's key, walk its path (raising an
//!   `Invalid` step), convert, build the spec from `nested` if present, and
//!   format as above. (Errors then come exactly in CPython's order;
//!   [`parse_format_template`] reports the first one up front instead.)
//! - `%`: implement [`PercentArgs`] over the right operand and call
//!   [`format_percent`]; it parses, asks for arguments and raises errors in
//!   CPython's order.
//! - `repr(float)`/`str(float)`: [`float_repr`]; `hex(n)`/`oct(n)`/`bin(n)`:
//!   `format_int(n, "#x")` / `"#o"` / `"#b"`; `int(s, base)`: [`parse_int`];
//!   `float(s)`: [`parse_float`]; `round(x, n)`: [`round_float`]; `round(x)`:
//!   [`round_half_even`] then to int.

mod float_repr;
mod parse_number;
mod percent;
mod round;
mod spec;
mod str_repr;
mod template;

pub use float_repr::{double_to_string, float_repr, DtoaFlags};
pub use parse_number::{parse_float, parse_i64, parse_int, INT_TOO_LARGE};
pub use percent::{
    format_percent, format_percent_float, format_percent_int, format_percent_str,
    parse_percent_template, PercentArgs, PercentNum, PercentPiece, PercentSpec,
};
pub use round::{round_float, round_half_even};
pub use spec::{
    format_float, format_int, format_int_named, format_str, parse_spec, FormatSpec, Grouping,
    C_RANGE_ERROR, MAX_WIDTH,
};
pub use str_repr::{is_printable, str_ascii, str_repr};
pub use template::{
    parse_format_template, parse_format_template_ordered, FieldAccess, FieldKey, FormatPiece,
};
