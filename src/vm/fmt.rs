//! Text formatting used by the VM: float repr, string repr, the format-spec
//! mini-language and %-formatting. (Kept small; the "format" helper's
//! `src/vm/format/` versions replace these where they differ.)

pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let e = format!("{:e}", f);
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if neg { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let n = digits.len() as i32;
        if exp >= 0 {
            if n <= exp + 1 {
                format!("{}{}{}.0", sign, digits, "0".repeat((exp + 1 - n) as usize))
            } else {
                let (a, b) = digits.split_at((exp + 1) as usize);
                format!("{sign}{a}.{b}")
            }
        } else {
            format!("{}0.{}{}", sign, "0".repeat((-exp - 1) as usize), digits)
        }
    } else {
        let (a, b) = digits.split_at(1);
        let m = if b.is_empty() { a.to_string() } else { format!("{a}.{b}") };
        let es = if exp < 0 { format!("-{:02}", -exp) } else { format!("+{:02}", exp) };
        format!("{sign}{m}e{es}")
    }
}

pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (0x80..0xa0).contains(&(c as u32)) => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

pub fn bytes_repr(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::from("b");
    out.push(q);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == q => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(q);
    out
}

#[derive(Default, Debug)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub alt: bool,
    pub zero: bool,
    pub width: usize,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

pub fn parse_spec(spec: &str) -> Result<Spec, String> {
    let cs: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec::default();
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if cs.len() >= 2 && is_align(cs[1]) {
        s.fill = Some(cs[0]);
        s.align = Some(cs[1]);
        i = 2;
    } else if !cs.is_empty() && is_align(cs[0]) {
        s.align = Some(cs[0]);
        i = 1;
    }
    if i < cs.len() && matches!(cs[i], '+' | '-' | ' ') {
        s.sign = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() && cs[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if i < cs.len() && cs[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let st = i;
    while i < cs.len() && cs[i].is_ascii_digit() {
        i += 1;
    }
    if i > st {
        s.width = cs[st..i].iter().collect::<String>().parse().map_err(|_| "Too many decimal digits in format string".to_string())?;
    }
    if i < cs.len() && matches!(cs[i], ',' | '_') {
        s.grouping = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() && cs[i] == '.' {
        i += 1;
        let st = i;
        while i < cs.len() && cs[i].is_ascii_digit() {
            i += 1;
        }
        if i == st {
            return Err("Format specifier missing precision".into());
        }
        s.precision = Some(cs[st..i].iter().collect::<String>().parse().map_err(|_| "Too many decimal digits in format string".to_string())?);
    }
    if i < cs.len() {
        s.ty = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() {
        return Err("Invalid format specifier".into());
    }
    Ok(s)
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let mut out = String::new();
    let n = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i) % every == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn pad(body: String, sign: &str, s: &Spec, default_align: char) -> String {
    let len = body.chars().count() + sign.chars().count();
    if s.width <= len {
        return format!("{sign}{body}");
    }
    let n = s.width - len;
    let (fill, align) = if s.zero && s.align.is_none() {
        ('0', '=')
    } else {
        (s.fill.unwrap_or(' '), s.align.unwrap_or(default_align))
    };
    let f = |k: usize| std::iter::repeat(fill).take(k).collect::<String>();
    match align {
        '<' => format!("{sign}{body}{}", f(n)),
        '^' => format!("{}{sign}{body}{}", f(n / 2), f(n - n / 2)),
        '=' => format!("{sign}{}{body}", f(n)),
        _ => format!("{}{sign}{body}", f(n)),
    }
}

fn sign_str(neg: bool, s: &Spec) -> &'static str {
    if neg {
        "-"
    } else {
        match s.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

pub fn format_int(v: i64, spec: &str) -> Result<String, String> {
    let s = parse_spec(spec)?;
    match s.ty {
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => return format_float(v as f64, spec),
        Some('s') => return Err("Unknown format code 's' for object of type 'int'".into()),
        _ => {}
    }
    if s.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".into());
    }
    let neg = v < 0;
    let a = v.unsigned_abs();
    let (digits, prefix) = match s.ty {
        None | Some('d') | Some('n') => (a.to_string(), ""),
        Some('x') => (format!("{a:x}"), "0x"),
        Some('X') => (format!("{a:X}"), "0X"),
        Some('o') => (format!("{a:o}"), "0o"),
        Some('b') => (format!("{a:b}"), "0b"),
        Some('c') => return Ok(pad(char::from_u32(v as u32).unwrap_or('?').to_string(), "", &s, '<')),
        Some(c) => return Err(format!("Unknown format code '{c}' for object of type 'int'")),
    };
    let digits = match s.grouping {
        Some(g) => group(&digits, g, if matches!(s.ty, Some('x' | 'X' | 'o' | 'b')) { 4 } else { 3 }),
        None => digits,
    };
    let sign = format!("{}{}", sign_str(neg, &s), if s.alt { prefix } else { "" });
    Ok(pad(digits, &sign, &s, '>'))
}

pub fn format_float(v: f64, spec: &str) -> Result<String, String> {
    let s = parse_spec(spec)?;
    let neg = v.is_sign_negative() && !(v == 0.0 && s.ty.is_none() && false);
    let a = v.abs();
    let body = if a.is_nan() {
        "nan".to_string()
    } else if a.is_infinite() {
        "inf".to_string()
    } else {
        match s.ty {
            Some('f') | Some('F') => format!("{:.*}", s.precision.unwrap_or(6), a),
            Some('e') | Some('E') => exp_fmt(a, s.precision.unwrap_or(6), s.ty == Some('E')),
            Some('%') => format!("{:.*}%", s.precision.unwrap_or(6), a * 100.0),
            Some('g') | Some('G') | None => {
                if s.ty.is_none() && s.precision.is_none() {
                    float_repr(a)
                } else {
                    let p = s.precision.unwrap_or(6).max(1);
                    let g = general(a, p, s.alt);
                    if s.ty.is_none() && !g.contains(['.', 'e', 'n', 'i']) {
                        format!("{g}.0")
                    } else {
                        g
                    }
                }
            }
            Some('d') => return Err("Unknown format code 'd' for object of type 'float'".into()),
            Some(c) => return Err(format!("Unknown format code '{c}' for object of type 'float'")),
        }
    };
    let body = match s.grouping {
        Some(g) => {
            let (int, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
                Some(i) => body.split_at(i),
                None => (body.as_str(), ""),
            };
            format!("{}{}", group(int, g, 3), rest)
        }
        None => body,
    };
    let neg = neg && !v.is_nan();
    Ok(pad(body, sign_str(neg, &s), &s, '>'))
}

fn exp_fmt(a: f64, p: usize, upper: bool) -> String {
    let e = format!("{:.*e}", p, a);
    let (m, ex) = e.split_once('e').unwrap_or((&e, "0"));
    let ex: i32 = ex.parse().unwrap_or(0);
    let r = format!("{}e{}{:02}", m, if ex < 0 { '-' } else { '+' }, ex.abs());
    if upper {
        r.to_uppercase()
    } else {
        r
    }
}

fn general(a: f64, p: usize, alt: bool) -> String {
    if a == 0.0 {
        return "0".into();
    }
    let e = format!("{:.*e}", p - 1, a);
    let ex: i32 = e.split_once('e').and_then(|(_, x)| x.parse().ok()).unwrap_or(0);
    let r = if ex < -4 || ex >= p as i32 {
        exp_fmt(a, p - 1, false)
    } else {
        format!("{:.*}", (p as i32 - 1 - ex).max(0) as usize, a)
    };
    if alt {
        return r;
    }
    if let Some((m, x)) = r.split_once('e') {
        let m = if m.contains('.') { m.trim_end_matches('0').trim_end_matches('.') } else { m };
        format!("{m}e{x}")
    } else if r.contains('.') {
        r.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        r
    }
}

pub fn format_str(v: &str, spec: &str) -> Result<String, String> {
    let s = parse_spec(spec)?;
    if let Some(c) = s.ty {
        if c != 's' {
            return Err(format!("Unknown format code '{c}' for object of type 'str'"));
        }
    }
    if s.sign.is_some() {
        return Err("Sign not allowed in string format specifier".into());
    }
    let body: String = match s.precision {
        Some(p) => v.chars().take(p).collect(),
        None => v.to_string(),
    };
    Ok(pad(body, "", &s, '<'))
}
