//! [`words`](crate::check::text::words) for ASCII text, with each word's hash as the
//! matcher keys it ([`text_word_hash`](super::text_word_hash)), in one pass over the bytes
//! with a table of byte classes. The glossary's document scan tokenises every paragraph of
//! a large document; most are ASCII. Tested to split exactly as `words` does.

use crate::check::text::Word;

/// Byte classes.
const OTHER: u8 = 0;
/// Letters, digits, underscore.
const WORD: u8 = 1;
/// Apostrophe and hyphen: inside a word when a word character follows.
const JOINER: u8 = 2;
/// Full stop and comma: inside a number ("3.5", "1,000").
const NUMBER_SEPARATOR: u8 = 3;

const CLASSES: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() || c == b'_' {
            WORD
        } else if c == b'\'' || c == b'-' {
            JOINER
        } else if c == b'.' || c == b',' {
            NUMBER_SEPARATOR
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The words of an ASCII `text` and the hash of each (lower-cased), appended to `words` and
/// `hashes`; `None` (nothing appended) if `text` is not ASCII.
pub(crate) fn ascii_words(text: &str, words: &mut Vec<Word>, hashes: &mut Vec<u64>) -> Option<()> {
    let bytes = text.as_bytes();
    if !bytes.is_ascii() {
        return None;
    }
    let class = |b: u8| CLASSES[usize::from(b & 0x7f)];
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        if class(bytes[i]) != WORD {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut hash = FNV_OFFSET;
        loop {
            while end < n && class(bytes[end]) == WORD {
                hash ^= u64::from(bytes[end].to_ascii_lowercase());
                hash = hash.wrapping_mul(FNV_PRIME);
                end += 1;
            }
            let Some(&b) = bytes.get(end) else {
                break;
            };
            let joins = match class(b) {
                JOINER => bytes.get(end + 1).is_some_and(|&c| class(c) == WORD),
                NUMBER_SEPARATOR => {
                    bytes[end - 1].is_ascii_digit()
                        && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
                }
                _ => false,
            };
            if !joins {
                break;
            }
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(FNV_PRIME);
            end += 1;
        }
        words.push(Word { start, end });
        hashes.push(hash);
        i = end;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::terminology::text_word_hash;
    use crate::check::text::words;

    fn check(text: &str) {
        let (mut ws, mut hs) = (Vec::new(), Vec::new());
        ascii_words(text, &mut ws, &mut hs).expect("ASCII");
        assert_eq!(ws, words(text), "{text:?}");
        let want: Vec<u64> = ws.iter().map(|w| text_word_hash(w.text(text))).collect();
        assert_eq!(hs, want, "{text:?}");
    }

    #[test]
    fn splits_exactly_as_words_does() {
        for text in [
            "",
            "a",
            "China's network-power, 3.5 and 1,000 -- 'quoted' x-ray_s a.b 1.a a,1 2,",
            "bye-bye so-and-so -lead trail- ''x'' x'' '' - . , 1. .5 1.2.3 1,2,3,",
            "Tab\tand\nnewline\r\nCAC's CAC'S O'Neil's",
            "under_score __ _x_ 9_9",
        ] {
            check(text);
        }
        // Every short string over the characters that matter.
        let alphabet = b"aZ9_'-.,  \n!";
        let mut s = Vec::new();
        for len in 1..=5u32 {
            let count = alphabet.len().pow(len);
            for mut k in 0..count {
                s.clear();
                for _ in 0..len {
                    s.push(alphabet[k % alphabet.len()]);
                    k /= alphabet.len();
                }
                check(std::str::from_utf8(&s).expect("ASCII"));
            }
        }
    }

    #[test]
    fn leaves_other_text_to_words() {
        let (mut ws, mut hs) = (Vec::new(), Vec::new());
        assert!(ascii_words("Été à Paris", &mut ws, &mut hs).is_none());
        assert!(ws.is_empty() && hs.is_empty());
    }
}
