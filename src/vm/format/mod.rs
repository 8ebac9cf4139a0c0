//! Text formatting exactly as CPython 3.11 does it: float repr, `format()` specs,
//! `str.format` templates, `%` formatting, `int()`/`float()` parsing and str
//! repr. Pure functions, no interpreter types: the VM converts its values and
//! raises the errors. Every `Err(String)` is a ValueError message unless the
//! item's docs say otherwise.

mod float_repr;
mod parse_number;
mod percent;
mod spec;
mod str_repr;
mod template;

pub use float_repr::{double_to_string, float_repr, DtoaFlags};
pub use parse_number::{parse_float, parse_int, INT_TOO_LARGE};
pub use percent::{
    format_percent_float, format_percent_int, format_percent_str, parse_percent_template,
    PercentNum, PercentPiece, PercentSpec,
};
pub use spec::{
    format_float, format_int, format_int_named, format_str, parse_spec, FormatSpec, Grouping,
    C_RANGE_ERROR, MAX_WIDTH,
};
pub use str_repr::{is_printable, str_ascii, str_repr};
pub use template::{parse_format_template, FieldAccess, FieldKey, FormatPiece};
