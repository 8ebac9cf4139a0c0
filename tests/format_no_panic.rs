//! Random and hostile inputs never make `vm::format` panic or allocate without
//! bound: every function returns text or an error.

use awaitscope::vm::format::*;
use awaitscope::vm::random_mt::MersenneTwister;

const ALPHABET: &[char] = &[
    '{', '}', '[', ']', '.', '!', ':', '%', '(', ')', '*', '-', '+', ' ', '#', '0', '1', '9', '<',
    '>', '^', '=', ',', '_', 'z', 'x', 'X', 'b', 'o', 'c', 'd', 'e', 'E', 'f', 'g', 'n', 's', 'r',
    'a', 'i', 'l', 'h', 'j', 'Z', '\\', '\'', '"', '\n', '\0', 'é', '日', '😀', '\u{85}',
    '\u{3000}', '٣',
];

fn random_text(rng: &mut MersenneTwister, max_len: u64) -> String {
    let len = rng.randbelow(max_len + 1);
    (0..len)
        .map(|_| ALPHABET[rng.randbelow(ALPHABET.len() as u64) as usize])
        .collect()
}

fn random_float(rng: &mut MersenneTwister) -> f64 {
    match rng.randbelow(4) {
        0 => f64::from_bits(rng.getrandbits(64)),
        1 => [0.0, -0.0, f64::INFINITY, f64::NAN, 5e-324, f64::MAX][rng.randbelow(6) as usize],
        _ => rng.uniform(-1e6, 1e6),
    }
}

fn random_int(rng: &mut MersenneTwister) -> i64 {
    match rng.randbelow(3) {
        0 => rng.getrandbits(64) as i64,
        1 => [0, -1, i64::MIN, i64::MAX, 0x10ffff, 0x110000][rng.randbelow(6) as usize],
        _ => rng.randint(-1000, 1000).unwrap(),
    }
}

#[test]
fn random_inputs_never_panic() {
    let mut rng = MersenneTwister::new(2026);
    for _ in 0..20_000 {
        let text = random_text(&mut rng, 12);
        let x = random_float(&mut rng);
        let n = random_int(&mut rng);
        for result in [
            format_int(n, &text),
            format_float(x, &text),
            format_str(&text, &text),
        ]
        .into_iter()
        .flatten()
        {
            assert!(
                result.len() < 200_000_000,
                "spec {text:?} made {} bytes",
                result.len()
            );
        }
        let _ = parse_format_template(&text);
        let _ = parse_format_template_ordered(&text);
        if let Ok(pieces) = parse_percent_template(&text) {
            for piece in pieces {
                if let PercentPiece::Spec(mut spec) = piece {
                    let _ = spec.set_star_width(n);
                    let _ = spec.set_star_precision(n);
                    if spec.width() + spec.precision() < 1_000_000 {
                        format_percent_int(n, &spec);
                        format_percent_float(x, &spec);
                        format_percent_str(&text, &spec);
                    }
                }
            }
        }
        let _ = parse_int(&text, rng.randbelow(40) as u32);
        let _ = parse_float(&text);
        let _ = str_repr(&text);
        float_repr(x);
    }
}

#[test]
fn huge_numbers_in_specs_are_errors_not_allocations() {
    assert_eq!(
        format_int(1, "99999999999").unwrap_err(),
        "Too many decimal digits in format string"
    );
    assert_eq!(
        format_float(1.0, ".1000000000f").unwrap_err(),
        "Too many decimal digits in format string"
    );
    assert_eq!(
        parse_percent_template("%99999999999d").unwrap_err(),
        "width too big"
    );
    assert_eq!(
        parse_percent_template("%.99999999999f").unwrap_err(),
        "precision too big"
    );
    let mut spec = match parse_percent_template("%*.*f").unwrap().remove(0) {
        PercentPiece::Spec(spec) => spec,
        other => panic!("{other:?}"),
    };
    assert!(spec.set_star_width(i64::MIN).is_err());
    assert!(spec.set_star_precision(i64::MAX).is_err());
    assert_eq!(format_float(1.0, ".5000000f").unwrap().len(), 5_000_002);
}
