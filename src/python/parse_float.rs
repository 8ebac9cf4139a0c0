//! Decimal text → `f64`, correctly rounded, accepting exactly what
//! `str::parse::<f64>` accepts. std's parser carries a 10 KB table of powers of
//! five (Eisel–Lemire) into the wasm; this one uses plain big-integer arithmetic,
//! which is small and fast enough for literals, `float()` and JSON numbers.
//!
//! Text: `[+-]? (inf | infinity | nan | digits [. digits] [(e|E) [+-] digits])`
//! (case-insensitive words; `digits` may be empty on one side of the point, not both).

/// `s.parse::<f64>().ok()`, without std's tables.
pub fn parse_float(s: &str) -> Option<f64> {
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let magnitude = if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        f64::INFINITY
    } else if body.eq_ignore_ascii_case("nan") {
        f64::NAN
    } else {
        decimal(body.as_bytes())?
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// 10^0 ..= 10^22, all exact in an f64.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Significant digits kept; beyond them only "some digit is not zero" matters
/// (a halfway point between two doubles has at most 768 significant digits).
const MAX_DIGITS: usize = 800;

fn decimal(b: &[u8]) -> Option<f64> {
    let mut digits: Vec<u8> = Vec::new();
    // The value is int(digits) * 10^exp10.
    let mut exp10: i64 = 0;
    let mut sticky = false;
    let mut seen_digit = false;
    let mut i = 0;
    let mut after_point = false;
    while i < b.len() {
        match b[i] {
            c @ b'0'..=b'9' => {
                seen_digit = true;
                let d = c - b'0';
                if digits.is_empty() && d == 0 {
                    // Leading zero: only moves the point.
                } else if digits.len() < MAX_DIGITS {
                    digits.push(d);
                } else {
                    sticky |= d != 0;
                    if !after_point {
                        exp10 += 1;
                    }
                    i += 1;
                    continue;
                }
                if after_point {
                    exp10 -= 1;
                }
            }
            b'.' if !after_point => after_point = true,
            _ => break,
        }
        i += 1;
    }
    if !seen_digit {
        return None;
    }
    if i < b.len() {
        if b[i] | 0x20 != b'e' {
            return None;
        }
        i += 1;
        let negative = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        if i == b.len() {
            return None;
        }
        let mut e: i64 = 0;
        for &c in &b[i..] {
            if !c.is_ascii_digit() {
                return None;
            }
            e = (e * 10 + i64::from(c - b'0')).min(1 << 40);
        }
        exp10 += if negative { -e } else { e };
    }
    if sticky {
        // Stands for the dropped non-zero digits: below the last kept digit.
        digits.push(1);
        exp10 -= 1;
    }
    while digits.last() == Some(&0) {
        digits.pop();
        exp10 += 1;
    }
    if digits.is_empty() {
        return Some(0.0);
    }
    let ndigits = digits.len() as i64;
    // Below 2.4e-324 / above 1.8e308 whatever the digits: zero / infinity.
    if ndigits + exp10 < -330 {
        return Some(0.0);
    }
    if ndigits + exp10 > 310 {
        return Some(f64::INFINITY);
    }
    // Exact fast path: both factors are exactly representable (Clinger).
    if ndigits <= 15 && (-22..=22).contains(&exp10) {
        let m = digits.iter().fold(0u64, |m, &d| m * 10 + u64::from(d)) as f64;
        let p = POW10[exp10.unsigned_abs() as usize];
        return Some(if exp10 < 0 { m / p } else { m * p });
    }
    let mut m = Big::from_digits(&digits);
    let (q, e2, inexact) = if exp10 >= 0 {
        m.mul_pow5(exp10 as u32);
        let (top, e2, rest) = m.top64();
        (top, e2 + exp10, rest)
    } else {
        // m / 10^k = m / 5^k * 2^-k: divide with enough quotient bits.
        let k = (-exp10) as u32;
        let mut d = Big::from_u32(1);
        d.mul_pow5(k);
        let s = 66 + d.bits() as i64 - m.bits() as i64;
        if s >= 0 {
            m.shl(s as u32);
        } else {
            d.shl((-s) as u32);
        }
        let (q, rem_nonzero) = m.div_small_quotient(&d);
        // q has 65 to 67 bits: keep 64, the rest is sticky.
        let extra = 128 - q.leading_zeros() as i64 - 64;
        let lost = q & ((1u128 << extra) - 1) != 0;
        (
            (q >> extra) as u64,
            extra - s - k as i64,
            rem_nonzero || lost,
        )
    };
    Some(round_to_f64(q, e2, inexact))
}

/// `q * 2^e2` (q has its top bit set), rounded half to even; `inexact`: the true
/// value is a little above that.
fn round_to_f64(q: u64, e2: i64, inexact: bool) -> f64 {
    let exp = 63 + e2; // unbiased exponent of the leading bit
    if exp > 1023 {
        return f64::INFINITY;
    }
    // Bits of q below the 53 kept ones (more for subnormals).
    let shift = if exp >= -1022 { 11 } else { 11 + (-1022 - exp) };
    if shift > 64 {
        return 0.0;
    }
    let q = u128::from(q);
    let mut m = q >> shift;
    let rest = q & ((1u128 << shift) - 1);
    let half = 1u128 << (shift - 1);
    if rest > half || (rest == half && (inexact || m & 1 == 1)) {
        m += 1;
    }
    let mut exp = exp;
    if exp >= -1022 && m == 1 << 53 {
        m >>= 1;
        exp += 1;
        if exp > 1023 {
            return f64::INFINITY;
        }
    }
    let bits = if exp >= -1022 {
        ((exp + 1023) as u64) << 52 | (m as u64 & ((1 << 52) - 1))
    } else {
        m as u64 // subnormal; m == 2^52 reads as the smallest normal
    };
    f64::from_bits(bits)
}

/// A non-negative big integer, little-endian base 2^32.
struct Big(Vec<u32>);

impl Big {
    fn from_u32(x: u32) -> Big {
        Big(vec![x])
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut b = Big(vec![0]);
        for chunk in digits.chunks(9) {
            let (mut mul, mut add) = (1u32, 0u32);
            for &d in chunk {
                mul *= 10;
                add = add * 10 + u32::from(d);
            }
            b.mul_add(mul, add);
        }
        b
    }

    fn mul_add(&mut self, mul: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let x = u64::from(*limb) * u64::from(mul) + carry;
            *limb = x as u32;
            carry = x >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow5(&mut self, mut k: u32) {
        const POW5_13: u32 = 1_220_703_125;
        while k >= 13 {
            self.mul_add(POW5_13, 0);
            k -= 13;
        }
        if k > 0 {
            self.mul_add(5u32.pow(k), 0);
        }
    }

    fn bits(&self) -> u32 {
        let top = self.0.iter().rposition(|&l| l != 0).unwrap_or(0);
        top as u32 * 32 + (32 - self.0[top].leading_zeros())
    }

    fn shl(&mut self, n: u32) {
        let (limbs, bits) = ((n / 32) as usize, n % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let x = *limb;
                *limb = x << bits | carry;
                carry = x >> (32 - bits);
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    /// `(q, e2, rest)`: self = (q + fraction) * 2^e2 with q's top bit set, `rest`:
    /// the fraction is not zero.
    fn top64(&self) -> (u64, i64, bool) {
        let bits = self.bits();
        let shift = bits.saturating_sub(64);
        let bit = |i: u32| self.0[(i / 32) as usize] >> (i % 32) & 1;
        let mut q = 0u64;
        for i in (shift..bits).rev() {
            q = q << 1 | u64::from(bit(i));
        }
        let rest = (0..shift).any(|i| bit(i) == 1);
        (q << (64 - (bits - shift)), i64::from(bits) - 64, rest)
    }

    fn cmp_shifted(&self, d: &Big, limbs: usize, bits: u32) -> std::cmp::Ordering {
        let mut shifted = Big(d.0.clone());
        shifted.shl(limbs as u32 * 32 + bits);
        cmp(&self.0, &shifted.0)
    }

    /// `self / d` when the quotient fits in 128 bits, and whether a remainder is left.
    fn div_small_quotient(mut self, d: &Big) -> (u128, bool) {
        let mut q = 0u128;
        let top = self.bits().saturating_sub(d.bits()).min(127);
        for bit in (0..=top).rev() {
            if self.cmp_shifted(d, 0, bit) != std::cmp::Ordering::Less {
                let mut s = Big(d.0.clone());
                s.shl(bit);
                sub(&mut self.0, &s.0);
                q |= 1 << bit;
            }
        }
        (q, self.0.iter().any(|&l| l != 0))
    }
}

fn cmp(a: &[u32], b: &[u32]) -> std::cmp::Ordering {
    let len = a.len().max(b.len());
    for i in (0..len).rev() {
        let (x, y) = (
            a.get(i).copied().unwrap_or(0),
            b.get(i).copied().unwrap_or(0),
        );
        if x != y {
            return x.cmp(&y);
        }
    }
    std::cmp::Ordering::Equal
}

/// `a -= b` (a ≥ b).
fn sub(a: &mut [u32], b: &[u32]) {
    let mut borrow = 0i64;
    for (i, limb) in a.iter_mut().enumerate() {
        let x = i64::from(*limb) - i64::from(b.get(i).copied().unwrap_or(0)) - borrow;
        borrow = i64::from(x < 0);
        *limb = x.rem_euclid(1 << 32) as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::parse_float;

    fn same(s: &str) {
        let want = s.parse::<f64>().ok();
        let got = parse_float(s);
        match (want, got) {
            (Some(w), Some(g)) if w.is_nan() && g.is_nan() => {}
            (Some(w), Some(g)) => assert_eq!(w.to_bits(), g.to_bits(), "{s:?}: {w:e} vs {g:e}"),
            (None, None) => {}
            _ => panic!("{s:?}: std {want:?}, ours {got:?}"),
        }
    }

    /// xorshift64*: deterministic test data without a crate.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    #[test]
    fn accepts_and_rejects_what_std_does() {
        for s in [
            "",
            "+",
            "-",
            ".",
            "e",
            "e5",
            "1e",
            "1e+",
            "1e-",
            ".e1",
            "1.e1",
            ".5",
            "5.",
            "-.5e-3",
            "1_0",
            "1.5x",
            "1.2.3",
            " 1",
            "1 ",
            "0x10",
            "inf",
            "-INF",
            "+Infinity",
            "infinit",
            "nan",
            "NaN",
            "-nan",
            "+nAn",
            "in",
            "1e5.5",
            "00000.00001e+5",
            "1E400",
            "1e-400",
            "0e999999999999",
            "1e99999999999999999999",
            "1e-99999999999999999999",
            "0.0",
            "-0",
            "-0.0e-5",
            "123456789012345678901234567890",
            "9007199254740993",
            "++1",
            "1ee5",
        ] {
            same(s);
        }
    }

    #[test]
    fn boundaries_round_like_std() {
        for s in [
            "2.2250738585072014e-308",
            "2.2250738585072011e-308",
            "2.2250738585072009e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.47032822920623272088e-324",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1.797693134862315807e308",
            "9007199254740992.5",
            "9007199254740993.0000000000001",
            "0.1",
            "0.3",
            "1e23",
            "8.98846567431158e307",
            "4.35679512e-310",
            "1e22",
            "1e-22",
            "123456789012345.6e-22",
            "5e-324",
            "3e-324",
            "7.4109846876186982e-323",
            "2.2250738585072012e-308",
        ] {
            same(s);
        }
        // 9007199254740993 followed by many zeros and a final 1: not a tie any more.
        same(&format!("9007199254740993{}1", "0".repeat(900)));
        same(&format!("9007199254740993{}", "0".repeat(900)));
        same(&format!("0.{}1e-300", "0".repeat(30)));
        same(&format!("1{}", "0".repeat(400)));
        same(&format!("{}e-400", "9".repeat(500)));
    }

    #[test]
    fn random_decimals_and_near_halfway_values_round_like_std() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            // Random digits, point and exponent.
            let n = 1 + rng.below(40) as usize;
            let mut s: String = (0..n)
                .map(|_| char::from(b'0' + rng.below(10) as u8))
                .collect();
            if rng.below(2) == 0 {
                s.insert(rng.below(n as u64 + 1) as usize, '.');
            }
            if rng.below(3) > 0 {
                s.push_str(&format!("e{}", rng.below(700) as i64 - 350));
            }
            same(&s);
            // A random double written with 15 to 25 significant digits, and the exact
            // midpoint-ish neighbours around it.
            let x = f64::from_bits(rng.next() & !(1 << 63));
            if x.is_finite() {
                let p = 14 + rng.below(11) as usize;
                same(&format!("{x:.p$e}"));
                same(&format!("{x:e}"));
            }
            // Exact ties between two doubles, (2m+1) * 2^-k, and a hair above/below.
            let m = (1u128 << 52) + u128::from(rng.below(1 << 52));
            let k = 1 + rng.below(29) as u32;
            let tie = (2 * m + 1) * 5u128.pow(k);
            same(&format!("{tie}e-{k}"));
            same(&format!("{tie}000000000000000000001e-{}", k + 21));
            same(&format!("{}e-{}", tie * 10 - 1, k + 1));
        }
    }
}
