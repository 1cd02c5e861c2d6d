//! Numbers as a translation carries them: the values written in a text, in digits (with the
//! locale's decimal and thousands separators), with Chinese multipliers (2.05亿 = 205
//! million, 3万 = 30,000), in Chinese numerals (百分之五, 二十三), with English scale words
//! (205 million, 1.2bn), spelled out (five, twelfth) or as month names (July = 7).

use std::ops::Range;

/// One number in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    pub value: f64,
    /// Another value the same words may stand for (3 p.m. is also 15).
    pub alt: Option<f64>,
    pub span: Range<usize>,
    /// Written in words (five, July, second): it may stand for a source number, but a
    /// target's word number is never reported itself (words have other senses).
    pub word: bool,
    /// The scale word the number is written with (`million`), for suggestions.
    pub scale: Option<&'static str>,
    /// Digits written after the decimal mark (3.293 million: 3).
    pub decimals: u32,
}

impl Num {
    fn new(value: f64, span: Range<usize>) -> Num {
        Num {
            value,
            alt: None,
            span,
            word: false,
            scale: None,
            decimals: 0,
        }
    }

    fn optional(mut self) -> Num {
        self.word = true;
        self
    }

    /// Whether this number says `value`: the same, its other reading, or `value` rounded
    /// to the digits written here when they are three significant digits or more
    /// (329.29万 as "3.293 million").
    pub fn matches(&self, value: f64) -> bool {
        if same(self.value, value) || self.alt.is_some_and(|a| same(a, value)) {
            return true;
        }
        let unit = self.scale.and_then(scale).map_or(1.0, |(m, _)| m);
        let written = self.value / unit;
        let int_digits = written.abs().max(1.0).log10().floor() as u32 + 1;
        if int_digits + self.decimals < 3 {
            return false;
        }
        let d = 10f64.powi(self.decimals as i32);
        same((value / unit * d).round() / d, written)
    }
}

/// `v` rounded to 12 significant digits: 2.05 × 10⁸ is 205,000,000, not 204,999,999.99….
fn tidy(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let d = 10f64.powi(11 - v.abs().log10().floor() as i32);
    (v * d).round() / d
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// How a language writes decimals: `.` (English, Chinese…) or `,` (German, French…).
pub fn decimal_comma(lang: &str) -> bool {
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        primary.as_str(),
        "de" | "fr"
            | "es"
            | "it"
            | "pt"
            | "nl"
            | "ru"
            | "uk"
            | "pl"
            | "cs"
            | "sk"
            | "sl"
            | "hr"
            | "sr"
            | "bg"
            | "ro"
            | "hu"
            | "tr"
            | "id"
            | "vi"
            | "da"
            | "nb"
            | "nn"
            | "no"
            | "sv"
            | "fi"
            | "et"
            | "lv"
            | "lt"
            | "el"
            | "ca"
            | "gl"
            | "eu"
    )
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn digit_value(c: char) -> u32 {
    if c.is_ascii_digit() {
        c as u32 - '0' as u32
    } else {
        c as u32 - '０' as u32
    }
}

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_multiplier(c: char) -> Option<f64> {
    Some(match c {
        '十' => 10.0,
        '百' => 100.0,
        '千' => 1_000.0,
        '万' | '萬' => 10_000.0,
        '亿' | '億' => 100_000_000.0,
        _ => return None,
    })
}

/// A number in digits at `i` of `text`: its value and end, with `comma` as the decimal
/// separator when `decimal_comma`. Thousands separators must be followed by three digits.
fn digits_at(text: &str, i: usize, decimal_comma: bool) -> (f64, usize) {
    let (v, e, _) = digits_full(text, i, decimal_comma);
    (v, e)
}

/// [`digits_at`] with the number of digits after the decimal mark.
fn digits_full(text: &str, i: usize, decimal_comma: bool) -> (f64, usize, u32) {
    let (dec, thousands) = if decimal_comma {
        (',', '.')
    } else {
        ('.', ',')
    };
    let mut int = String::new();
    let mut frac = String::new();
    let mut end = i;
    let mut in_frac = false;
    for (k, c) in text[i..].char_indices() {
        if is_digit(c) {
            let d = char::from_digit(digit_value(c), 10).unwrap_or('0');
            if in_frac {
                frac.push(d)
            } else {
                int.push(d)
            }
            end = i + k + c.len_utf8();
            continue;
        }
        let rest = &text[i + k + c.len_utf8()..];
        let next_digits = rest.chars().take_while(|c| is_digit(*c)).count();
        if !in_frac
            && (c == thousands || (decimal_comma && c == ' ') || c == '\u{a0}' || c == '\u{202f}')
            && next_digits == 3
            && !rest.chars().nth(3).is_some_and(is_digit)
            && !int.is_empty()
        {
            continue;
        }
        if !in_frac && c == dec && next_digits > 0 {
            in_frac = true;
            continue;
        }
        // A "1.313" in a text whose decimal mark is "." is handled above; a "1.5" in a
        // decimal-comma text written with a point is read as a decimal too (not thousands).
        if !in_frac && decimal_comma && c == '.' && next_digits > 0 && next_digits != 3 {
            in_frac = true;
            continue;
        }
        break;
    }
    let value = format!(
        "{}.{}",
        if int.is_empty() { "0" } else { &int },
        if frac.is_empty() { "0" } else { &frac }
    )
    .parse()
    .unwrap_or(0.0);
    (value, end, frac.len() as u32)
}

/// Whether the character before `i` makes a number at `i` part of a code (`A320`,
/// `COVID-19`, `G20`).
fn code_before(text: &str, i: usize) -> bool {
    let mut before = text[..i].chars().rev();
    match before.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {
            // RMB160 million, US$5: a currency code is not part of the number.
            let letters: String = text[..i]
                .chars()
                .rev()
                .take_while(char::is_ascii_alphabetic)
                .collect::<String>()
                .chars()
                .rev()
                .collect();
            !matches!(
                letters.as_str(),
                "RMB"
                    | "USD"
                    | "EUR"
                    | "HKD"
                    | "JPY"
                    | "GBP"
                    | "CNY"
                    | "VND"
                    | "AUD"
                    | "CAD"
                    | "SGD"
                    | "MOP"
                    | "TWD"
                    | "NT"
                    | "KRW"
                    | "INR"
                    | "CHF"
                    | "Rs"
            )
        }
        // COVID-19, G-20 (not post-80, not 2019-2020).
        Some('-') => before.next().is_some_and(|c| c.is_ascii_uppercase()),
        _ => false,
    }
}

/// The numbers of a Chinese (or Japanese) text: digits with multipliers, 百分之…, and
/// Chinese numerals of two characters or more with a multiplier (二十三, 一万), or written
/// digit by digit (二〇一九). Single numerals (一些, 第一) and approximations (三四十) are
/// left out: words first, numbers second.
pub fn cjk_numbers(text: &str) -> Vec<Num> {
    let mut out: Vec<Num> = Vec::new();
    let mut multipliers: Vec<f64> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        if is_digit(c) {
            let (mut value, mut end) = digits_at(text, i, false);
            let after = text[end..].chars().next();
            if code_before(text, i) || after.is_some_and(|c| c.is_ascii_alphabetic()) {
                i = skip_token(text, end);
                continue;
            }
            // Multipliers right after (2.05亿, 3万, 1.2万亿, 5百万), also after 多/余
            // (3000多万); not 千 as a unit's prefix (1100千伏 is kilovolts).
            let mut multiplier = 1.0;
            loop {
                let rest = &text[end..];
                let skip = if rest.starts_with(['多', '余'])
                    && rest[3..].starts_with(|c| chinese_multiplier(c).is_some_and(|m| m >= 100.0))
                {
                    3
                } else {
                    0
                };
                let Some(c) = rest[skip..].chars().next() else {
                    break;
                };
                let unit_prefix = c == '千'
                    && rest[skip + 3..]
                        .starts_with(['伏', '瓦', '米', '克', '卡', '帕', '赫', '焦']);
                match chinese_multiplier(c).filter(|&m| m >= 100.0 && !unit_prefix) {
                    Some(m) => {
                        value = tidy(value * m);
                        multiplier *= m;
                        end += skip + c.len_utf8();
                    }
                    None => break,
                }
            }
            if let Some(c) = text[end..]
                .chars()
                .next()
                .filter(|c| matches!(c, '%' | '％'))
            {
                end += c.len_utf8();
            }
            // 600至850亿: the first of a range takes the second's multiplier.
            if multiplier > 1.0
                && let Some((prev, prev_mult)) = out.last_mut().zip(multipliers.last())
                && *prev_mult == 1.0
                && matches!(
                    text[prev.span.end..i].trim(),
                    "至" | "到" | "-" | "－" | "~" | "～" | "—"
                )
            {
                prev.value = tidy(prev.value * multiplier);
            }
            out.push(Num::new(value, i..end));
            multipliers.push(multiplier);
            i = end;
            continue;
        }
        // 第二, 逾百人, 八成: ordinals, a bare 百 or 千, tenths — numbers a translation may
        // write in digits, but also parts of words (第一时间, 千万, 八成是): they account for a
        // target number, and are never reported missing.
        if c == '第'
            && let Some(d) = text[i + 3..].chars().next().and_then(chinese_digit)
        {
            out.push(Num::new(f64::from(d), i..i + 6).optional());
            multipliers.push(1.0);
            i += 6;
            continue;
        }
        if let Some(m) = chinese_multiplier(c).filter(|&m| m >= 100.0)
            && !text[i..].starts_with("百分之")
            && !text[..i].chars().next_back().is_some_and(|p| {
                chinese_digit(p).is_some() || is_digit(p) || chinese_multiplier(p).is_some()
            })
        {
            // 千亿 is 10¹¹, 百万 10⁶.
            let mut value = m;
            let mut end = i + c.len_utf8();
            while let Some(m) = text[end..]
                .chars()
                .next()
                .and_then(chinese_multiplier)
                .filter(|&m| m >= 100.0)
            {
                value = tidy(value * m);
                end += 3;
            }
            out.push(Num::new(value, i..end).optional());
            multipliers.push(1.0);
            i = end;
            continue;
        }
        // 三时, 一楼, 十日, 五人: a single numeral with a classifier or a unit of time.
        if let Some(d) = chinese_digit(c)
            .map(f64::from)
            .or((c == '十').then_some(10.0))
            && text[i + 3..].starts_with([
                '时', '点', '分', '日', '月', '年', '天', '个', '名', '人', '位', '家', '次', '岁',
                '项', '条', '种', '艘', '架', '座', '部', '倍', '楼', '层', '届', '周', '期',
            ])
            && !text[..i].chars().next_back().is_some_and(|p| {
                p == '周'
                    || p == '星'
                    || chinese_digit(p).is_some()
                    || chinese_multiplier(p).is_some()
            })
        {
            out.push(Num::new(d, i..i + 3).optional());
            multipliers.push(1.0);
            i += 3;
            continue;
        }
        if let Some(d) = chinese_digit(c)
            && text[i + 3..].starts_with('成')
            && text[..i]
                .chars()
                .next_back()
                .is_none_or(|p| chinese_digit(p).is_none())
        {
            out.push(Num::new(f64::from(d) * 10.0, i..i + 6).optional());
            multipliers.push(1.0);
            i += 6;
            continue;
        }
        if text[i..].starts_with("百分之") {
            let from = i + "百分之".len();
            let (value, end) = if text[from..].starts_with(is_digit) {
                let (v, e) = digits_at(text, from, false);
                (Some(v), e)
            } else {
                match chinese_numeral(text, from, 1) {
                    Some((v, e)) => (Some(v), e),
                    None => (None, from),
                }
            };
            if let Some(value) = value {
                out.push(Num::new(value, i..end));
                multipliers.push(1.0);
                i = end;
                continue;
            }
        }
        if chinese_digit(c).is_some() || c == '十' {
            if let Some((value, end)) = chinese_numeral(text, i, 2) {
                // Numerals in words are as often idiom (一辈子, 九十年代, 数十亿) as counts:
                // they account for a target number, and are not reported missing.
                out.push(Num::new(value, i..end).optional());
                multipliers.push(1.0);
                i = end;
                continue;
            }
            // Skip the whole run of numerals, so that its tail is not read alone.
            let run: usize = text[i..]
                .chars()
                .take_while(|&c| chinese_digit(c).is_some() || chinese_multiplier(c).is_some())
                .map(char::len_utf8)
                .sum();
            i += run.max(c.len_utf8());
            continue;
        }
        i += c.len_utf8();
    }
    out
}

/// Past the rest of a code-like token.
fn skip_token(text: &str, from: usize) -> usize {
    from + text[from..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
        .map(char::len_utf8)
        .sum::<usize>()
}

/// A Chinese numeral at `i` of two characters or more: its value and end. `None` for one
/// character, for numerals written as approximations (三四十, 七八), and for 十分 (very)
/// and the like.
fn chinese_numeral(text: &str, i: usize, min_len: usize) -> Option<(f64, usize)> {
    let run: Vec<(usize, char)> = text[i..]
        .char_indices()
        .take_while(|&(_, c)| chinese_digit(c).is_some() || chinese_multiplier(c).is_some())
        .collect();
    if run.len() < min_len.max(1) {
        return None;
    }
    if run.len() == 1 {
        let c = run[0].1;
        let v = chinese_digit(c)
            .map(f64::from)
            .or((c == '十').then_some(10.0))?;
        return Some((v, i + c.len_utf8()));
    }
    let end = i + run.last().map_or(0, |(k, c)| k + c.len_utf8());
    let chars: Vec<char> = run.iter().map(|&(_, c)| c).collect();
    if chinese_multiplier(chars[0]).is_some() && chars[0] != '十' {
        return None; // 千万 (by all means), 万一 (in case)
    }
    let has_multiplier = chars.iter().any(|&c| chinese_multiplier(c).is_some());
    if !has_multiplier {
        // 二〇一九: digit by digit (years) — four digits or more.
        if chars.len() >= 4 && chars.iter().all(|&c| chinese_digit(c).is_some()) {
            let v = chars.iter().fold(0.0, |acc, &c| {
                acc * 10.0 + f64::from(chinese_digit(c).unwrap_or(0))
            });
            return Some((v, end));
        }
        return None;
    }
    // Two digits in a row before a multiplier: an approximation (三四十, 五六万).
    if chars.windows(2).any(|w| {
        chinese_digit(w[0]).is_some_and(|d| d != 0) && chinese_digit(w[1]).is_some_and(|d| d != 0)
    }) {
        return None;
    }
    let mut total = 0.0;
    let mut section = 0.0;
    let mut digit: Option<f64> = None;
    for &c in &chars {
        if let Some(d) = chinese_digit(c) {
            digit = Some(f64::from(d));
        } else if let Some(m) = chinese_multiplier(c) {
            if m >= 10_000.0 {
                section += digit.take().unwrap_or(0.0);
                let s = if section == 0.0 { 1.0 } else { section };
                total = (total + s) * m;
                section = 0.0;
            } else {
                section += digit.take().unwrap_or(1.0) * m;
            }
        }
    }
    let value = total + section + digit.unwrap_or(0.0);
    Some((value, end))
}

const CARDINALS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];
const TENS: [(&str, u32); 8] = [
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];
const ORDINALS: [&str; 13] = [
    "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth",
];
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A scale word and its value.
fn scale(word: &str) -> Option<(f64, &'static str)> {
    Some(match word.to_ascii_lowercase().as_str() {
        "hundred" => (100.0, "hundred"),
        "thousand" => (1e3, "thousand"),
        "million" | "millions" | "mn" | "mln" | "m" => (1e6, "million"),
        "billion" | "billions" | "bn" | "b" => (1e9, "billion"),
        "trillion" | "trillions" | "tn" => (1e12, "trillion"),
        _ => return None,
    })
}

/// A word that is a number: cardinals to twenty and the tens, ordinals to twelfth, "dozen",
/// and month names (their number).
fn word_number(word: &str) -> Option<(f64, bool)> {
    let lower = word.to_ascii_lowercase();
    let w = lower.as_str();
    if let Some(n) = CARDINALS.iter().position(|c| *c == w) {
        return Some((n as f64, false));
    }
    if let Some((_, n)) = TENS.iter().find(|(t, _)| *t == w) {
        return Some((f64::from(*n), false));
    }
    if let Some((a, b)) = w.split_once('-') {
        let tens = TENS.iter().find(|(t, _)| *t == a).map(|t| t.1);
        let unit = CARDINALS[1..10].iter().position(|c| *c == b);
        if let (Some(tens), Some(unit)) = (tens, unit) {
            return Some((f64::from(tens) + (unit + 1) as f64, false));
        }
        // five-year, seven-day: the number before the hyphen.
        return word_number(a).filter(|(_, month)| !month);
    }
    if let Some(n) = ORDINALS.iter().skip(1).position(|c| *c == w) {
        return Some(((n + 1) as f64, false));
    }
    if w == "dozen" {
        return Some((12.0, false));
    }
    // Month names (capitalised in English) and their abbreviations.
    if word.starts_with(|c: char| c.is_uppercase()) {
        let stem = w.trim_end_matches('.');
        let n = MONTHS
            .iter()
            .position(|m| *m == stem || (stem.len() >= 3 && m.starts_with(stem)));
        if let Some(n) = n {
            // Only ever used to account for a source number, so "May" the verb costs nothing.
            return Some(((n + 1) as f64, true));
        }
    }
    None
}

/// The numbers of a text in a language written with spaces (English, German…): digits with
/// the locale's separators, scale words, spelled-out numbers and month names.
pub fn spaced_numbers(text: &str, lang: &str) -> Vec<Num> {
    let comma = decimal_comma(lang);
    let mut out: Vec<Num> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        if is_digit(c) {
            let (mut value, mut end, decimals) = digits_full(text, i, comma);
            if code_before(text, i) {
                // A code (A320, COVID-19) may carry a source number (二十国集团 → G-20),
                // but is never reported itself.
                out.push(Num::new(value, i..end).optional());
                i = skip_token(text, end);
                continue;
            }
            let after = &text[end..];
            // 3:30 p.m.: the hour, then the minutes as a number of their own.
            if let Some(minutes) = after.strip_prefix(':')
                && minutes.len() >= 2
                && minutes.chars().take(2).all(is_digit)
                && !minutes[2..].starts_with(is_digit)
            {
                let pm = is_pm(text, end + 3);
                let mut hour = Num::new(value, i..end);
                hour.alt = (pm && value < 12.0).then_some(value + 12.0);
                out.push(hour);
                i = end + 1;
                continue;
            }
            let suffix: String = after
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect();
            let mut num = Num::new(value, i..end);
            num.decimals = decimals;
            if !suffix.is_empty() {
                // 14th, 3rd; 1.2bn, $5m; 10am, 3pm; anything else (5G, 30g, 1990s) is a
                // code or a unit: it may carry a source number, and is never reported.
                let lower = suffix.to_ascii_lowercase();
                match lower.as_str() {
                    "st" | "nd" | "rd" | "th" => end += suffix.len(),
                    "am" | "pm" => {
                        if lower == "pm" && value < 12.0 {
                            num.alt = Some(value + 12.0);
                        }
                        end += suffix.len();
                    }
                    s => match scale(s).filter(|_| {
                        matches!(s, "bn" | "mn" | "mln" | "tn")
                            || (matches!(s, "m" | "b") && currency_before(text, i))
                    }) {
                        Some((m, name)) => {
                            value = tidy(value * m);
                            num.scale = Some(name);
                            end += suffix.len();
                        }
                        None => {
                            num.word = true;
                            end = skip_token(text, end);
                        }
                    },
                }
            } else if let Some((w, w_end)) = next_word(text, end) {
                if let Some((m, name)) = scale(w).filter(|_| w.len() >= 2) {
                    value = tidy(value * m);
                    num.scale = Some(name);
                    end = w_end;
                } else if is_pm(text, end) && value < 12.0 {
                    num.alt = Some(value + 12.0);
                }
            }
            // Nothing is "added" by a zero (9:00, "00").
            num.word |= value == 0.0;
            num.value = value;
            num.span = i..end;
            out.push(num);
            i = end;
            continue;
        }
        if c.is_alphabetic() {
            let end = i + text[i..]
                .char_indices()
                .find(|&(_, c)| !(c.is_alphabetic() || c == '-'))
                .map_or(text.len() - i, |(k, _)| k);
            let word = text[i..end].trim_end_matches('-');
            let end = i + word.len();
            if let Some((mut value, month)) = word_number(word) {
                let mut span_end = end;
                let mut scale_word = None;
                if !month
                    && let Some((w, w_end)) = next_word(text, end)
                    && let Some((m, name)) = scale(w).filter(|_| w.len() > 2)
                {
                    value = tidy(value * m);
                    scale_word = Some(name);
                    span_end = w_end;
                }
                let mut num = Num::new(value, i..span_end).optional();
                num.scale = scale_word;
                out.push(num);
                i = span_end;
                continue;
            }
            // "a million", "a hundred"
            if (word.eq_ignore_ascii_case("a") || word.eq_ignore_ascii_case("an"))
                && let Some((w, w_end)) = next_word(text, end)
                && let Some((m, name)) = scale(w).filter(|_| w.len() > 2)
            {
                let mut num = Num::new(m, i..w_end).optional();
                num.scale = Some(name);
                out.push(num);
                i = w_end;
                continue;
            }
            i = end.max(i + c.len_utf8());
            continue;
        }
        i += c.len_utf8();
    }
    // "60 to 85 billion": the first of a range takes the second's scale word.
    for k in 1..out.len() {
        let (head, tail) = out.split_at_mut(k);
        let (prev, next) = (&mut head[k - 1], &tail[0]);
        if prev.scale.is_none()
            && let Some(name) = next.scale
            && matches!(
                text[prev.span.end..next.span.start].trim(),
                "to" | "-" | "–" | "and" | "or"
            )
            && let Some((m, _)) = scale(name)
        {
            prev.value = tidy(prev.value * m);
            prev.scale = Some(name);
        }
    }
    out
}

/// Whether "p.m." or "pm" follows at `i`.
fn is_pm(text: &str, i: usize) -> bool {
    let rest = text.get(i..).unwrap_or("");
    rest.starts_with("pm")
        || rest.starts_with("p.m")
        || next_word(text, i)
            .is_some_and(|(w, _)| w.eq_ignore_ascii_case("p.m") || w.eq_ignore_ascii_case("pm"))
}

/// Whether a currency sign precedes the number at `i` ($5m, £1.2b).
fn currency_before(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '$' | '€' | '£' | '¥'))
}

/// The next word after `i` (across spaces only) and its end.
fn next_word(text: &str, i: usize) -> Option<(&str, usize)> {
    let rest = &text[i..];
    let start = i + (rest.len() - rest.trim_start_matches([' ', '\u{a0}', '-']).len());
    if start == i && !rest.is_empty() && !rest.starts_with(char::is_alphabetic) {
        return None;
    }
    let word_len = text[start..]
        .char_indices()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '.'))
        .map_or(text.len() - start, |(k, _)| k);
    let word = text[start..start + word_len].trim_end_matches('.');
    (!word.is_empty()).then_some((word, start + word.len()))
}

/// The numbers of a text in `lang`, choosing the reader by the text's script.
pub fn numbers(text: &str, lang: &str) -> Vec<Num> {
    let cjk = match super::script::of_language(lang) {
        Some(script) => script == super::script::Script::Cjk,
        None => super::script::dominant(text) == Some(super::script::Script::Cjk),
    };
    if cjk {
        cjk_numbers(text)
    } else {
        spaced_numbers(text, lang)
    }
}

/// A value written as `like` writes its number: with its scale word, or in digits with
/// thousands separators.
pub fn format_like(value: f64, like: &Num, lang: &str) -> String {
    let comma = decimal_comma(lang);
    let (v, suffix) = match like.scale {
        Some(name) => {
            let (m, _) = scale(name).unwrap_or((1.0, ""));
            (value / m, format!(" {name}"))
        }
        None => (value, String::new()),
    };
    let mut s = format!("{v:.6}");
    while s.contains('.') && (s.ends_with('0') || s.ends_with('.')) {
        s.pop();
    }
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    let digits: Vec<char> = int.chars().collect();
    for (k, d) in digits.iter().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) && digits.len() > 4 {
            grouped.push(if comma { '.' } else { ',' });
        }
        grouped.push(*d);
    }
    if !frac.is_empty() {
        grouped.push(if comma { ',' } else { '.' });
        grouped.push_str(frac);
    }
    grouped + &suffix
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(nums: &[Num]) -> Vec<f64> {
        nums.iter().map(|n| n.value).collect()
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(
            values(&cjk_numbers("新增5G用户2.05亿户，同比增长12.3%。")),
            [205_000_000.0, 12.3]
        );
        assert_eq!(
            values(&cjk_numbers("3万人，383.7万个，1.2万亿元")),
            [30_000.0, 3_837_000.0, 1.2e12]
        );
        assert_eq!(values(&cjk_numbers("7月14日，2024年")), [7.0, 14.0, 2024.0]);
        assert_eq!(values(&cjk_numbers("百分之五，百分之12")), [5.0, 12.0]);
        assert_eq!(
            values(&cjk_numbers("二十三人，一万元，二〇一九年")),
            [23.0, 10_000.0, 2019.0]
        );
        // Words, idioms, ordinals and approximations are never required of a target.
        assert!(
            cjk_numbers("一些人一起，第一，十分重要，千万不要，三四十人，COVID-19")
                .iter()
                .all(|n| n.word)
        );
        assert_eq!(
            values(&cjk_numbers("600至850亿千瓦时，1100千伏，3000多万")),
            [6e10, 8.5e10, 1100.0, 3e7]
        );
        assert_eq!(values(&cjk_numbers("1,000名")), [1000.0]);
    }

    #[test]
    fn english_and_german_numbers() {
        let en = spaced_numbers(
            "205 million users, 30,000 people, 1.5 points, $1.2bn on July 14, five cars, the 27th",
            "en",
        );
        assert_eq!(
            values(&en),
            [205e6, 30_000.0, 1.5, 1.2e9, 7.0, 14.0, 5.0, 27.0]
        );
        assert_eq!(
            values(&spaced_numbers("1,5 Punkte und 30.000 Menschen", "de")),
            [1.5, 30_000.0]
        );
        assert!(
            spaced_numbers("5G and A320 and COVID-19, 10km, the 1990s", "en")
                .iter()
                .all(|n| n.word)
        );
        let rounded = &spaced_numbers("3.293 million tons", "en")[0];
        assert!(rounded.matches(3_292_900.0) && !rounded.matches(3_300_000.0));
        let pm = spaced_numbers("at 3 p.m.", "en");
        assert!(pm[0].matches(15.0));
        assert!(spaced_numbers("we march", "en").is_empty());
    }

    #[test]
    fn formats_like_the_target() {
        let like = &spaced_numbers("250 million", "en")[0];
        assert_eq!(format_like(205e6, like, "en"), "205 million");
        let plain = &spaced_numbers("300", "en")[0];
        assert_eq!(format_like(30_000.0, plain, "en"), "30,000");
        assert_eq!(format_like(1.5, plain, "de"), "1,5");
    }
}
