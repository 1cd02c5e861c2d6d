//! Ranking spelling suggestions: the dictionary words near a misspelling, ordered by how
//! likely each is what the writer meant. The evidence and its weights are harper-core's
//! (its suggestions are what users of harper see, and a test holds ours equal to them):
//! fewer edits first; the same first letter, a plural for a plural, a common root word, a
//! contraction and a missing or extra apostrophe rank higher; so do the variants that
//! differ between dialects or are classic slips (-our/-or, -ise/-ize, -ll-/-l-, -re/-er,
//! ay/ey, ie/ei, a missing "h" after "t").

use super::dictionary::{NearWord, dictionary};

/// Up to `candidates` dictionary words at most two edits from `word`, best first.
pub fn ranked(word: &str, candidates: usize) -> Vec<String> {
    let typed: Vec<char> = word.chars().collect();
    let mut near: Vec<(i32, NearWord)> = dictionary()
        .near(word, 2, candidates)
        .into_iter()
        .map(|n| (score(&typed, &n), n))
        .collect();
    // Stable: equal scores keep the nearest-then-alphabetical order.
    near.sort_by_key(|(score, _)| *score);
    near.into_iter().map(|(_, n)| n.word).collect()
}

/// Lower is better.
fn score(typed: &[char], near: &NearWord) -> i32 {
    let word: Vec<char> = near.word.chars().collect();
    let (Some(t0), Some(w0)) = (typed.first(), word.first()) else {
        return i32::MAX;
    };
    let edits = i32::from(near.distance);
    let mut score = edits * 10;
    if t0.eq_ignore_ascii_case(w0) {
        score -= 10;
    }
    if typed.last() == Some(&'s') && word.last() == Some(&'s') {
        score -= 5;
    }
    let typed_apostrophe = typed.iter().any(|&c| c == '\'' || c == '\u{2019}');
    let apostrophe_only = match typed.len() as i64 - word.len() as i64 {
        1 => typed_apostrophe && one_apostrophe_more(typed, &word),
        -1 => near.info().is_apostrophized_spelling() && one_apostrophe_more(&word, typed),
        _ => false,
    };
    if apostrophe_only {
        score -= 8;
    }
    if near.info().is_common_root() {
        score -= 4;
    }
    if word.iter().filter(|&&c| c == '\'').count() == 1 {
        score -= 5;
    }
    let th = th_for_t(typed, &word);
    if th {
        score -= 6;
    }
    if !has_vowel(typed) && !has_vowel(&word) {
        score += 10;
    }
    if edits == 1
        && (one_letter_swapped(typed, &word)
            || optional_letter_after(typed, &word, 'o', 'u')
            || optional_letter_after(typed, &word, 'l', 'l')
            || ay_for_ey(typed, &word)
            || th)
    {
        score -= 6;
    }
    if edits <= 2 {
        if pair_reversed(typed, &word, ['e', 'i']) {
            score -= 11;
        }
        if re_for_er(typed, &word) {
            score -= 15;
        }
    }
    score
}

fn lower(c: char) -> char {
    c.to_ascii_lowercase()
}

fn has_vowel(w: &[char]) -> bool {
    w.iter()
        .any(|&c| matches!(lower(c), 'a' | 'e' | 'i' | 'o' | 'u'))
}

/// `longer` is `shorter` with an apostrophe put in ("dont" → "don't").
fn one_apostrophe_more(longer: &[char], shorter: &[char]) -> bool {
    let Some(at) = longer.iter().position(|&c| c == '\'' || c == '\u{2019}') else {
        return false;
    };
    longer.len() == shorter.len() + 1
        && longer.starts_with(&shorter[..at])
        && longer.ends_with(&shorter[at..])
}

/// The typed word has a "t" and the suggestion a "th" ("tink" → "think").
fn th_for_t(typed: &[char], word: &[char]) -> bool {
    typed.iter().any(|&c| lower(c) == 't')
        && word
            .windows(2)
            .any(|w| lower(w[0]) == 't' && lower(w[1]) == 'h')
}

/// Equal but for one s/z, s/c or k/c, not in the first letter ("realize", "defence").
fn one_letter_swapped(a: &[char], b: &[char]) -> bool {
    if a.len() != b.len() || a.is_empty() || !a[0].eq_ignore_ascii_case(&b[0]) {
        return a.len() == b.len() && a.is_empty();
    }
    let mut swaps = 0;
    for (&x, &y) in a.iter().zip(b) {
        let (x, y) = (lower(x), lower(y));
        if x == y {
            continue;
        }
        let pair = if x < y { (x, y) } else { (y, x) };
        if !matches!(pair, ('s', 'z') | ('c', 's') | ('c', 'k')) {
            return false;
        }
        swaps += 1;
        if swaps > 1 {
            return false;
        }
    }
    swaps == 1
}

/// Equal but that one of them has `extra` once more right after a `after` ("colour" and
/// "color" for o/u, "travelled" and "traveled" for l/l), letter case aside.
fn optional_letter_after(a: &[char], b: &[char], after: char, extra: char) -> bool {
    if a.len().abs_diff(b.len()) != 1 {
        return false;
    }
    let (mut a, mut b) = (a.iter().map(|&c| lower(c)), b.iter().map(|&c| lower(c)));
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x == after && y == after => {
                let (mut x, mut y) = (a.next(), b.next());
                if x != y {
                    if x == Some(extra) {
                        x = a.next();
                    } else if y == Some(extra) {
                        y = b.next();
                    }
                    if x != y {
                        return false;
                    }
                }
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return false;
                }
            }
            (None, None) => return true,
            _ => return false,
        }
    }
}

/// Equal but for one "ay" against "ey" ("gray", "grey").
fn ay_for_ey(a: &[char], b: &[char]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut found = false;
    let (mut a, mut b) = (a.iter(), b.iter());
    while let (Some(&x), Some(&y)) = (a.next(), b.next()) {
        if x.eq_ignore_ascii_case(&y) {
            continue;
        }
        let vowels = matches!((lower(x), lower(y)), ('a', 'e') | ('e', 'a'));
        if vowels
            && let (Some(&x2), Some(&y2)) = (a.next(), b.next())
            && lower(x2) == 'y'
            && lower(y2) == 'y'
            && !found
        {
            found = true;
            continue;
        }
        return false;
    }
    found
}

/// Equal but for one pair of letters written the other way round ("recieve").
fn pair_reversed(a: &[char], b: &[char], pair: [char; 2]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let [p, q] = pair;
    let mut found = false;
    let (mut a, mut b) = (a.iter(), b.iter());
    while let (Some(&x), Some(&y)) = (a.next(), b.next()) {
        if x.eq_ignore_ascii_case(&y) {
            continue;
        }
        let (x, y) = (lower(x), lower(y));
        let starts = (x == p && y == q) || (x == q && y == p);
        if starts
            && let (Some(&x2), Some(&y2)) = (a.next(), b.next())
            && lower(x2) == y
            && lower(y2) == x
            && !found
        {
            found = true;
            continue;
        }
        return false;
    }
    found
}

/// Equal but for a final "-re" against "-er", in words of five letters or more ("metre").
fn re_for_er(a: &[char], b: &[char]) -> bool {
    let n = a.len();
    if n != b.len() || n <= 4 {
        return false;
    }
    let end = |w: &[char]| [lower(w[n - 2]), lower(w[n - 1])];
    let swapped = matches!(
        (end(a), end(b)),
        (['r', 'e'], ['e', 'r']) | (['e', 'r'], ['r', 'e'])
    );
    swapped
        && a[..n - 2]
            .iter()
            .zip(&b[..n - 2])
            .all(|(x, y)| x.eq_ignore_ascii_case(y))
}

#[cfg(test)]
mod tests {
    use harper_core::spell::{Dictionary as _, FstDictionary, suggest_correct_spelling_str};

    #[test]
    fn suggestions_are_ranked_as_harper_ranks_them() {
        let harper = FstDictionary::curated();
        let mut typos: Vec<String> = [
            "goverment",
            "recieve",
            "teh",
            "Goverment",
            "colr",
            "realise",
            "gray",
            "metre",
            "dont",
            "cant",
            "tink",
            "cheif",
            "travelling",
            "defence",
            "sceptic",
            "mmm",
        ]
        .map(String::from)
        .to_vec();
        for (i, chars) in harper
            .words_iter()
            .enumerate()
            .filter(|(i, _)| i % 1013 == 0)
        {
            let mut c: Vec<char> = chars.to_vec();
            if c.len() > 3 {
                let k = 1 + i % (c.len() - 2);
                c.swap(k, k - 1);
                typos.push(c.iter().collect());
                c.remove(k);
                typos.push(c.iter().collect());
            }
        }
        for t in typos {
            assert_eq!(
                super::ranked(&t, 9),
                suggest_correct_spelling_str(t.clone(), 9, 2, harper.as_ref()),
                "{t}"
            );
        }
    }
}
