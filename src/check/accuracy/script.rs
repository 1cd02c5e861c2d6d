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

/// The script of a letter.
pub fn script_of(c: char) -> Option<Script> {
    if is_cjk(c) {
        Some(Script::Cjk)
    } else if c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c) && c.is_alphabetic() {
        Some(Script::Latin)
    } else if c.is_alphabetic() {
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
