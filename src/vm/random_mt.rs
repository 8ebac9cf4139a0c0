//! CPython's `random.Random`, bit for bit: the MT19937 generator of
//! Modules/_randommodule.c and the integer helpers of Lib/random.py (3.11).
//!
//! Int and float seeds are supported; `seed(str)` (SHA-512 in CPython) is not.
//! Sequence methods work on lengths and indices: `choice(len)` returns an
//! index, `shuffle(len)` a permutation, so the VM applies them to its lists.

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// `hash(x)` of a float, CPython's `_Py_HashDouble`: equal to `hash(n)` when
/// `x == n` for an int n, and reduced modulo 2**61 - 1 otherwise. NaN gives 0
/// (CPython hashes it by object identity).
pub fn float_hash(x: f64) -> i64 {
    const BITS: u32 = 61;
    const MODULUS: u64 = (1 << BITS) - 1;
    if x.is_infinite() {
        return if x > 0.0 { 314_159 } else { -314_159 };
    }
    if x.is_nan() || x == 0.0 {
        return 0;
    }
    let (mut m, mut e) = frexp(x.abs());
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & MODULUS) | (h >> (BITS - 28));
        m *= 268_435_456.0; // 2**28
        e -= 28;
        let integer = m as u64;
        m -= integer as f64;
        h += integer;
        if h >= MODULUS {
            h -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % BITS as i32
    } else {
        BITS as i32 - 1 - ((-1 - e) % BITS as i32)
    } as u32;
    h = ((h << e) & MODULUS) | (h >> (BITS - e));
    let signed = if x < 0.0 {
        (h as i64).wrapping_neg()
    } else {
        h as i64
    };
    if signed == -1 {
        -2
    } else {
        signed
    }
}

/// C's `frexp` for a finite positive x: `x = m * 2**e` with m in [0.5, 1).
fn frexp(x: f64) -> (f64, i32) {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    if exponent == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(x * 18_446_744_073_709_551_616.0); // 2**64
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exponent - 1022)
}

/// Python's `a // b` (rounds toward negative infinity); `b != 0`.
fn floor_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if a % b != 0 && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

/// The state of one `random.Random` instance.
#[derive(Clone)]
pub struct MersenneTwister {
    state: [u32; N],
    index: usize,
    /// `gauss()` makes two values at a time: the second one, until used.
    pub gauss_next: Option<f64>,
}

impl std::fmt::Debug for MersenneTwister {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MersenneTwister")
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

impl MersenneTwister {
    /// `random.Random(seed)` for an int seed.
    pub fn new(seed: i64) -> Self {
        let mut mt = MersenneTwister {
            state: [0; N],
            index: N + 1,
            gauss_next: None,
        };
        mt.seed(seed);
        mt
    }

    /// `seed(n)`: `init_by_array` over the 32-bit chunks of `abs(n)`, least
    /// significant first (CPython's `random_seed` for ints).
    pub fn seed(&mut self, seed: i64) {
        self.seed_u64(seed.unsigned_abs());
    }

    /// `seed(x)` for a float: CPython seeds with `hash(x)` taken as unsigned.
    /// NaN hashes by identity in CPython 3.11, so it has no reproducible seed;
    /// here it seeds like 0.
    pub fn seed_float(&mut self, x: f64) {
        self.seed_u64(float_hash(x) as u64);
    }

    /// `init_by_array` over the 32-bit chunks of a non-negative seed.
    fn seed_u64(&mut self, magnitude: u64) {
        self.gauss_next = None;
        let mut key = vec![magnitude as u32];
        if magnitude >> 32 != 0 {
            key.push((magnitude >> 32) as u32);
        }
        self.init_by_array(&key);
    }

    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let mut i = 1;
        let mut j = 0;
        for _ in 0..N.max(key.len()) {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
        }
        self.state[0] = 0x8000_0000;
    }

    /// `genrand_uint32`: the next 32 random bits.
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            let mag = |y: u32| if y & 1 == 0 { 0 } else { MATRIX_A };
            for k in 0..N {
                let y = (self.state[k] & UPPER_MASK) | (self.state[(k + 1) % N] & LOWER_MASK);
                self.state[k] = self.state[(k + M) % N] ^ (y >> 1) ^ mag(y);
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random()`: a float in [0, 1) with 53 random bits.
    pub fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for `k <= 64` (our ints are 64-bit: the caller rejects
    /// larger k; negative k is CPython's ValueError "number of bits must be
    /// non-negative").
    pub fn getrandbits(&mut self, k: u32) -> u64 {
        match k {
            0 => 0,
            1..=32 => (self.next_u32() >> (32 - k)) as u64,
            _ => {
                let k = k.min(64);
                let low = self.next_u32() as u64;
                let high = (self.next_u32() >> (64 - k)) as u64;
                low | (high << 32)
            }
        }
    }

    /// `_randbelow_with_getrandbits(n)`: uniform in [0, n); 0 when n is 0.
    pub fn randbelow(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.getrandbits(k);
            if r < n {
                return r;
            }
        }
    }

    /// `randrange(start, stop, step)`; `randrange(stop)` is
    /// `randrange(0, stop, 1)` except for its error message, which
    /// [`Self::randrange_stop`] gives. Errors are ValueError messages.
    pub fn randrange(&mut self, start: i64, stop: i64, step: i64) -> Result<i64, String> {
        let (start, stop, step) = (start as i128, stop as i128, step as i128);
        let width = stop - start;
        if step == 1 {
            if width > 0 {
                return Ok((start + self.randbelow(width as u64) as i128) as i64);
            }
            return Err(format!(
                "empty range for randrange() ({start}, {stop}, {width})"
            ));
        }
        let n = if step > 0 {
            floor_div(width + step - 1, step)
        } else if step < 0 {
            floor_div(width + step + 1, step)
        } else {
            return Err("zero step for randrange()".to_string());
        };
        if n <= 0 {
            return Err("empty range for randrange()".to_string());
        }
        Ok((start + step * self.randbelow(n as u64) as i128) as i64)
    }

    /// `randrange(stop)`.
    pub fn randrange_stop(&mut self, stop: i64) -> Result<i64, String> {
        if stop > 0 {
            return Ok(self.randbelow(stop as u64) as i64);
        }
        Err("empty range for randrange()".to_string())
    }

    /// `randint(a, b)` = `randrange(a, b + 1)`.
    pub fn randint(&mut self, a: i64, b: i64) -> Result<i64, String> {
        let (start, stop) = (a as i128, b as i128 + 1);
        let width = stop - start;
        if width > 0 {
            return Ok((start + self.randbelow(width as u64) as i128) as i64);
        }
        Err(format!(
            "empty range for randrange() ({start}, {stop}, {width})"
        ))
    }

    /// `choice(seq)` as an index into a sequence of `len` items; `None` for an
    /// empty one (CPython: IndexError "Cannot choose from an empty sequence").
    pub fn choice(&mut self, len: usize) -> Option<usize> {
        if len == 0 {
            return None;
        }
        Some(self.randbelow(len as u64) as usize)
    }

    /// `shuffle(x)` in place on any slice, with CPython's swaps.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.randbelow(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }

    /// `shuffle` as a permutation: `perm[k]` is the old index of the item that
    /// ends at position k.
    pub fn shuffle_permutation(&mut self, len: usize) -> Vec<usize> {
        let mut perm: Vec<usize> = (0..len).collect();
        self.shuffle(&mut perm);
        perm
    }

    /// `normalvariate(mu, sigma)`: Kinderman and Monahan's method, as CPython.
    pub fn normalvariate(&mut self, mu: f64, sigma: f64) -> f64 {
        // NV_MAGICCONST = 4 * exp(-0.5) / sqrt(2.0)
        let magic = 4.0 * (-0.5f64).exp() / 2f64.sqrt();
        loop {
            let u1 = self.random();
            let u2 = 1.0 - self.random();
            let z = magic * (u1 - 0.5) / u2;
            if z * z / 4.0 <= -u2.ln() {
                return mu + z * sigma;
            }
        }
    }

    /// `gauss(mu, sigma)`: the Box-Muller pair, the second kept for the next call.
    pub fn gauss(&mut self, mu: f64, sigma: f64) -> f64 {
        let z = match self.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = self.random() * std::f64::consts::TAU;
                let g2rad = (-2.0 * (1.0 - self.random()).ln()).sqrt();
                self.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        mu + z * sigma
    }

    /// `uniform(a, b)`.
    pub fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// `sample(population, k)` as indices into a population of `n` items.
    /// Error: CPython's ValueError "Sample larger than population or is negative".
    pub fn sample(&mut self, n: usize, k: usize) -> Result<Vec<usize>, String> {
        if k > n {
            return Err("Sample larger than population or is negative".to_string());
        }
        let mut setsize: f64 = 21.0;
        if k > 5 {
            setsize += 4f64.powf(((k as f64 * 3.0).ln() / 4f64.ln()).ceil());
        }
        let mut result = Vec::with_capacity(k);
        if (n as f64) <= setsize {
            let mut pool: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = self.randbelow((n - i) as u64) as usize;
                result.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        } else {
            // (The VM's own map type: a HashSet<usize> would add its own copy of
            // std's hash table code to the wasm.)
            let mut selected = crate::vm::namemap::PtrMap::default();
            for _ in 0..k {
                let mut j = self.randbelow(n as u64) as usize;
                while selected.contains_key(&j) {
                    j = self.randbelow(n as u64) as usize;
                }
                selected.insert(j, 0);
                result.push(j);
            }
        }
        Ok(result)
    }
}
