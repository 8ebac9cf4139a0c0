//! `awaitscope::vm::random_mt` against CPython 3.11's `random.Random`.
//!
//! The expected sequences in tests/data/random_vectors.jsonl were printed by
//! `python3 tools/random_vectors.py` and committed; this test never runs Python.

use awaitscope::vm::random_mt::{float_hash, MersenneTwister};
use serde_json::{json, Value};

fn bits(x: f64) -> Value {
    json!(format!("{:016x}", x.to_bits()))
}

fn err(e: String) -> Value {
    json!({ "err": e })
}

fn apply(rng: &mut MersenneTwister, op: &[Value]) -> Value {
    let int = |i: usize| op[i].as_i64().unwrap();
    let float = |i: usize| op[i].as_f64().unwrap();
    match op[0].as_str().unwrap() {
        "random" => bits(rng.random()),
        "getrandbits" => json!(rng.getrandbits(int(1) as u32)),
        "randrange1" => rng.randrange_stop(int(1)).map_or_else(err, |v| json!(v)),
        "randrange" => rng
            .randrange(int(1), int(2), int(3))
            .map_or_else(err, |v| json!(v)),
        "randint" => rng.randint(int(1), int(2)).map_or_else(err, |v| json!(v)),
        "choice" => rng.choice(int(1) as usize).map_or_else(
            || err("Cannot choose from an empty sequence".into()),
            |v| json!(v),
        ),
        "shuffle" => json!(rng.shuffle_permutation(int(1) as usize)),
        "uniform" => bits(rng.uniform(float(1), float(2))),
        "sample" => rng
            .sample(int(1) as usize, int(2) as usize)
            .map_or_else(err, |v| json!(v)),
        other => panic!("unknown op {other}"),
    }
}

#[test]
fn matches_cpython_random() {
    let mut checked = 0;
    for line in include_str!("data/random_vectors.jsonl").lines() {
        let case: Value = serde_json::from_str(line).unwrap();
        let seed = &case["seed"];
        let mut rng = MersenneTwister::new(0);
        match seed.as_i64() {
            Some(n) => rng.seed(n),
            None => {
                let bits = u64::from_str_radix(seed["$f"].as_str().unwrap(), 16).unwrap();
                let x = f64::from_bits(bits);
                assert_eq!(json!(float_hash(x)), case["hash"], "hash({x:?})");
                rng.seed_float(x);
            }
        }
        for op in case["ops"].as_array().unwrap() {
            let op = op.as_array().unwrap();
            let (args, want) = op.split_at(op.len() - 1);
            assert_eq!(apply(&mut rng, args), want[0], "seed {seed}, op {args:?}");
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} ops checked");
}

#[test]
fn reseeding_restarts_the_sequence() {
    let mut a = MersenneTwister::new(5);
    let first: Vec<f64> = (0..3).map(|_| a.random()).collect();
    a.seed(5);
    let again: Vec<f64> = (0..3).map(|_| a.random()).collect();
    assert_eq!(first, again);
}
