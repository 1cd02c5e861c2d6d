//! Writing systems, as the source-aware checks need them: which script a text is mostly
//! in, and whether a character belongs to a CJK one.

/// A script family, as far as translation changes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Chinese characters, Japanese kana, Korean hangul.
    Cjk,
    Latin,
    /// Any other letters (Cyrillic, Greek, Arabic…).
    Other,
}

/// Whether `c` is a Han character, kana or hangul syllable.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F // Han
        | 0x3040..=0x30FF | 0x31F0..=0x31FF // kana
        | 0xAC00..=0xD7AF | 0x1100..=0x11FF // hangul
        | 0x3005 // 々
    )
}

/// Whether `c` is certainly neither a letter nor a digit: punctuation and spaces of the
/// kinds CJK and news texts are full of, and the private-use characters inline codes
/// stand for. Answered without the general Unicode lookup, which is slow for them.
fn is_punctuation_or_code(c: char) -> bool {
    matches!(c as u32,
        0x2000..=0x206F // general punctuation
        | 0x3000..=0x3004 | 0x3008..=0x3020 // CJK symbols and punctuation
        | 0xE000..=0xF8FF // private use
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 // fullwidth punctuation
    )
}

/// [`char::is_alphabetic`], quicker for ASCII and common punctuation.
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        !is_punctuation_or_code(c) && c.is_alphabetic()
    }
}

/// [`char::is_alphanumeric`], quicker for ASCII and common punctuation.
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !is_punctuation_or_code(c) && c.is_alphanumeric()
    }
}

/// The script of a letter.
pub fn script_of(c: char) -> Option<Script> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    if is_cjk(c) {
        Some(Script::Cjk)
    } else if ('\u{c0}'..='\u{24f}').contains(&c) && c.is_alphabetic() {
        Some(Script::Latin)
    } else if is_alphabetic(c) {
        Some(Script::Other)
    } else {
        None
    }
}

/// The script most of the letters of `text` are in (a Han character counts as much as a
/// three-letter word).
pub fn dominant(text: &str) -> Option<Script> {
    let mut counts = [0usize; 3];
    for c in text.chars() {
        match script_of(c) {
            Some(Script::Cjk) => counts[0] += 3,
            Some(Script::Latin) => counts[1] += 1,
            Some(Script::Other) => counts[2] += 1,
            None => {}
        }
    }
    let (i, &n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
    (n > 0).then_some([Script::Cjk, Script::Latin, Script::Other][i])
}

/// The script a language is written in, from its BCP 47 tag (`None` when unknown).
pub fn of_language(tag: &str) -> Option<Script> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    Some(match primary.as_str() {
        "zh" | "ja" | "ko" | "yue" | "wuu" => Script::Cjk,
        "en" | "fr" | "de" | "es" | "it" | "pt" | "nl" | "sv" | "da" | "nb" | "nn" | "no"
        | "fi" | "pl" | "cs" | "sk" | "sl" | "hr" | "ro" | "hu" | "tr" | "id" | "ms" | "vi"
        | "ca" | "et" | "lv" | "lt" | "sq" | "af" | "sw" | "tl" | "ga" | "eu" | "gl" => {
            Script::Latin
        }
        "" | "und" => return None,
        _ => Script::Other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick answers are the general ones, for every character.
    #[test]
    fn quick_letter_tests_agree_with_the_standard_ones() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{:x}", c as u32);
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{:x}", c as u32);
            if is_cjk(c) {
                assert!(c.to_lowercase().eq([c]), "{:x} has no case", c as u32);
            }
        }
    }
}
