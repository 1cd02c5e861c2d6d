//! [`words`](crate::check::text::words) for ASCII text, with each word's hash as the
//! matcher keys it ([`text_word_hash`](super::text_word_hash)), in one pass over the bytes
//! with a table of byte classes. The glossary's document scan tokenises every paragraph of
//! a large document; most are ASCII. Tested to split exactly as `words` does.

use crate::check::text::Word;

/// Per byte: its lower-case form if it is a word character (ASCII letters, digits,
/// underscore), else 0. One lookup a byte both classifies it and gives what is hashed.
const WORD_LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'_' {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn is_word(b: u8) -> bool {
    WORD_LOWER[usize::from(b)] != 0
}

/// The words of an ASCII `text` and the hash of each (lower-cased), appended to `words` and
/// `hashes`; `None` (nothing appended) if `text` is not ASCII.
pub(crate) fn ascii_words(text: &str, words: &mut Vec<Word>, hashes: &mut Vec<u64>) -> Option<()> {
    let bytes = text.as_bytes();
    if !bytes.is_ascii() {
        return None;
    }
    let n = bytes.len();
    let mut i = 0;
    while let Some(skip) = bytes[i..].iter().position(|&b| is_word(b)) {
        let start = i + skip;
        let mut end = start;
        let mut hash = FNV_OFFSET;
        loop {
            // A run of word characters.
            for &b in &bytes[end..] {
                let lower = WORD_LOWER[usize::from(b)];
                if lower == 0 {
                    break;
                }
                hash = (hash ^ u64::from(lower)).wrapping_mul(FNV_PRIME);
                end += 1;
            }
            if end == n {
                break;
            }
            // Apostrophe and hyphen join word characters; full stop and comma, digits
            // ("3.5", "1,000").
            let b = bytes[end];
            let joins = match b {
                b'\'' | b'-' => bytes.get(end + 1).is_some_and(|&c| is_word(c)),
                b'.' | b',' => {
                    bytes[end - 1].is_ascii_digit()
                        && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
                }
                _ => false,
            };
            if !joins {
                break;
            }
            hash = (hash ^ u64::from(b)).wrapping_mul(FNV_PRIME);
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
