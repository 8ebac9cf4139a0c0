//! One stable sort for the whole program, compiled once. `slice::sort_by` is
//! generic over the element type and the comparison, so every call site gets its
//! own copy of std's driftsort (2–5 KB of wasm each); here the algorithm (a merge
//! sort over indices, comparing through `&mut dyn FnMut`) exists once and each
//! call site adds only a few bytes. Used by `sorted()` / `list.sort()`, `dir()`,
//! the symbol table and the chart.

/// Sorts `v` stably: `less(a, b)` says whether `a` goes strictly before `b`.
pub fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut order, &mut |i, j| less(&v[i], &v[j]));
    permute(&order, &mut |a, b| v.swap(a, b));
}

/// Sorts `idx` (indices into some sequence) stably by `less(i, j)`, which says
/// whether the item at index `i` goes strictly before the one at `j`. For `n > 16`
/// items: halves sorted recursively, then merged; shorter runs by insertion.
/// `less` is asked in a fixed order, so a Python `__lt__` with side effects sees
/// the same calls on every run.
pub fn sort_indices(idx: &mut [usize], less: &mut dyn FnMut(usize, usize) -> bool) {
    let mut buf = idx.to_vec();
    merge_sort(idx, &mut buf, less);
}

fn merge_sort(v: &mut [usize], buf: &mut [usize], less: &mut dyn FnMut(usize, usize) -> bool) {
    let n = v.len();
    if n <= 16 {
        for i in 1..n {
            let mut j = i;
            while j > 0 && less(v[j], v[j - 1]) {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        return;
    }
    let mid = n / 2;
    {
        let (l, r) = v.split_at_mut(mid);
        let (bl, br) = buf.split_at_mut(mid);
        merge_sort(l, bl, less);
        merge_sort(r, br, less);
    }
    buf[..n].copy_from_slice(v);
    let (mut i, mut j) = (0, mid);
    for slot in v.iter_mut() {
        // The right run's item goes first only when strictly smaller: stable.
        if j < n && (i >= mid || less(buf[j], buf[i])) {
            *slot = buf[j];
            j += 1;
        } else {
            *slot = buf[i];
            i += 1;
        }
    }
}

/// Rearranges a sequence so that position `k` receives the item that was at
/// `order[k]`, as a series of `swap(a, b)` calls (one pass per cycle).
fn permute(order: &[usize], swap: &mut dyn FnMut(usize, usize)) {
    let mut done = vec![false; order.len()];
    for start in 0..order.len() {
        let mut k = start;
        while !done[k] {
            done[k] = true;
            let from = order[k];
            if from == start {
                break;
            }
            swap(k, from);
            k = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_std_and_keeps_equal_items_in_order() {
        let mut seed = 12345u64;
        for n in [0, 1, 2, 5, 16, 17, 33, 100, 257] {
            let mut v: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    ((seed >> 60) as u8, i)
                })
                .collect();
            let mut want = v.clone();
            want.sort_by_key(|p| p.0);
            sort_by(&mut v, |a, b| a.0 < b.0);
            assert_eq!(v, want, "n = {n}");
        }
    }

    #[test]
    fn permute_moves_each_item_to_its_place() {
        let mut v = vec!['a', 'b', 'c', 'd', 'e'];
        permute(&[3, 0, 4, 1, 2], &mut |a, b| v.swap(a, b));
        assert_eq!(v, ['d', 'a', 'e', 'b', 'c']);
    }
}
