//! `grammar.article`: "a" before a vowel sound or "an" before a consonant sound ("a
//! important step", "an university"), judged by harper-core's pronunciation data, which
//! knows words and abbreviations that do not sound as they are spelt ("an hour", "a
//! European", "an FBI agent", "a one-off").

use harper_core::{Dialect, InitialSound, starts_with_vowel};

use crate::check::text::{Word, char_before, only_space};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "grammar.article",
    category: Category::Grammar,
    severity: Severity::Info,
    summary: "\u{201c}a\u{201d} before a vowel sound or \u{201c}an\u{201d} before a consonant sound",
    example: "It is a important step for an university.",
};

#[derive(Debug, Clone, Copy)]
pub struct Article;

impl Check for Article {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let text = para.text;
        let words = para.words();
        for (i, pair) in words.windows(2).enumerate() {
            let (article, next) = (pair[0], pair[1]);
            let a = article.text(text);
            let an = match a {
                "a" => false,
                "an" | "An" => true,
                // A capital "A" inside a sentence is as often a letter ("Plan A is").
                "A" if starts_sentence(text, words, i) => false,
                _ => continue,
            };
            // Spaces, and perhaps an opening quotation mark: "an \"key\" role".
            let between = text[article.end..next.start].trim_end_matches(['"', '“', '‘']);
            if !only_space(between) {
                continue;
            }
            // "the -a option", "..a": a letter, not an article.
            if char_before(text, article.start)
                .is_some_and(|c| !c.is_whitespace() && !matches!(c, '"' | '“' | '‘' | '(' | '['))
            {
                continue;
            }
            let Some(sound) = sound_of(next.text(text)) else {
                continue;
            };
            let wrong = match sound {
                InitialSound::Vowel => !an,
                InitialSound::Consonant => an,
                InitialSound::Either => false,
            };
            if !wrong {
                continue;
            }
            let right = match (a, an) {
                ("a", _) => "an",
                ("A", _) => "An",
                ("An", _) => "A",
                _ => "a",
            };
            out.push(
                Issue::new(
                    &INFO,
                    para.abs(article.range()),
                    format!(
                        "\u{201c}{a} {}\u{201d}: \u{201c}{}\u{201d} before a {} sound",
                        next.text(text),
                        right.to_lowercase(),
                        if an { "consonant" } else { "vowel" }
                    ),
                )
                .suggest(right),
            );
        }
    }
}

/// The article `phrase` takes by how its first word sounds: "an" before a vowel sound,
/// "a" before a consonant sound; `None` when either is heard ("historic") or the word is
/// not one to judge.
pub fn article_for(phrase: &str) -> Option<&'static str> {
    let first = phrase.split_whitespace().next()?;
    let first = first.trim_start_matches(['"', '\u{201c}', '\u{2018}', '(', '[']);
    match sound_of(first)? {
        InitialSound::Vowel => Some("an"),
        InitialSound::Consonant => Some("a"),
        InitialSound::Either => None,
    }
}

/// A fix that replaces the words right after an "a"/"an" takes the article along when a
/// replacement starts with the other sound ("an Education Strong Country" → "a Leading
/// Country in Education"): the issue's span then starts at the article, and every
/// suggestion with the article it takes, in the article's letter case. `text` is what the
/// issue's span is in. Other issues are returned as they are.
pub fn carry_article(text: &str, mut issue: Issue) -> Issue {
    let Some(article) = article_before(text, issue.span.start) else {
        return issue;
    };
    let original = &text[article.clone()];
    if issue
        .suggestions
        .iter()
        .all(|s| article_like(original, s) == original)
    {
        return issue;
    }
    let space = &text[article.end..issue.span.start];
    for s in &mut issue.suggestions {
        *s = format!("{}{space}{s}", article_like(original, s));
    }
    issue.span.start = article.start;
    issue
}

/// Makes the article `text` ends with (followed by spaces) the one `next` takes: for a
/// replacement put together piece by piece, as in "from a ⟨term⟩ to a ⟨term⟩".
pub fn fit_article_before(text: &mut String, next: &str) {
    if let Some(article) = article_before(text, text.len()) {
        let fitted = article_like(&text[article.clone()], next).to_string();
        text.replace_range(article, &fitted);
    }
}

/// The article `phrase` takes, written as `original` ("a", "an", "A" or "An") is; the
/// original when the phrase's sound does not decide.
fn article_like<'a>(original: &'a str, phrase: &str) -> &'a str {
    let capital = original.starts_with('A');
    match (article_for(phrase), capital) {
        (Some("an"), false) => "an",
        (Some("an"), true) => "An",
        (Some(_), false) => "a",
        (Some(_), true) => "A",
        (None, _) => original,
    }
}

/// The span of the article "a"/"an" that stands right before `at` in `text` (spaces
/// between), if one does: a word of its own, and a capital "A" only at the start of a
/// sentence (elsewhere it may be a letter: "Plan A").
fn article_before(text: &str, at: usize) -> Option<std::ops::Range<usize>> {
    let before = text.get(..at)?;
    let head = before.trim_end_matches([' ', '\t', '\u{a0}']);
    if head.len() == before.len() {
        return None;
    }
    let start = head.len()
        - head
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum::<usize>();
    let opening =
        |c: char| c.is_whitespace() || matches!(c, '"' | '\u{201c}' | '\u{2018}' | '(' | '[');
    if char_before(text, start).is_some_and(|c| !opening(c)) {
        return None;
    }
    match &head[start..] {
        "a" | "an" | "An" => {}
        "A" => {
            let rest = head[..start].trim_end_matches(opening);
            if !(rest.is_empty() || rest.ends_with(['.', '!', '?', ':', '\u{2026}'])) {
                return None;
            }
        }
        _ => return None,
    }
    Some(start..head.len())
}

/// How the word starts to sound, when that is clear; "an" before an unstressed "h" is
/// left alone ("an historic", "an hotel" are old usage). A number is read out: "an 8",
/// "an 11-day", "an 18%", "a 14-month".
fn sound_of(word: &str) -> Option<InitialSound> {
    // "An ML-based tool": the first part decides.
    let first = word.split(['-', '\'', '’']).next().unwrap_or(word);
    if first.is_empty() {
        return None;
    }
    if first.as_bytes()[0].is_ascii_digit() {
        return Some(number_sound(first));
    }
    if !first.chars().all(char::is_alphabetic) {
        return None;
    }
    // Mixed case ("SQLite", "iOS"): read out in more than one way.
    if first.chars().skip(1).any(char::is_uppercase) && first.chars().any(char::is_lowercase) {
        return None;
    }
    let chars: Vec<char> = first.chars().collect();
    let sound = starts_with_vowel(&chars, Dialect::American)?;
    let lower = first.to_lowercase();
    const UNSTRESSED_H: &[&str] = &["hist", "hot", "hero", "hab", "hyp", "horr", "hilar", "herb"];
    if sound == InitialSound::Consonant && UNSTRESSED_H.iter().any(|h| lower.starts_with(h)) {
        return Some(InitialSound::Either);
    }
    Some(sound)
}

/// How a number written in digits starts to sound: "eight", "eleven", "eighteen" and
/// "eighty…"/"eight hundred…" with a vowel.
fn number_sound(digits: &str) -> InitialSound {
    let lead: String = digits
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect();
    let grouped = digits.contains(',');
    // The digits read as one number before a thousands group: "11,000" is "eleven thousand".
    let head = if grouped {
        digits.split(',').next().unwrap_or("")
    } else {
        lead.as_str()
    };
    if head.starts_with('8') {
        return InitialSound::Vowel;
    }
    let read_as = if grouped { head.len() } else { lead.len() % 3 };
    if (head.starts_with("11") || head.starts_with("18")) && read_as == 2 {
        InitialSound::Vowel
    } else {
        InitialSound::Consonant
    }
}

/// Whether `words[i]` starts a sentence.
fn starts_sentence(text: &str, words: &[Word], i: usize) -> bool {
    let before = if i == 0 {
        &text[..words[0].start]
    } else {
        &text[words[i - 1].end..words[i].start]
    };
    let marks = before.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '“' | '‘' | '\'' | '(' | '[' | '*' | '-' | '–' | '—'
            )
    });
    i == 0 && marks.is_empty() || marks.ends_with(['.', '!', '?', ':', '…'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    #[test]
    fn flags_the_wrong_article() {
        assert_eq!(
            flagged(Article, "It is a important step for an university.\n"),
            ["a", "an"]
        );
        assert_eq!(
            flagged(Article, "They signed an deal. An deal.\n"),
            ["an", "An"]
        );
        assert_eq!(
            flagged(
                Article,
                "an high wall, an \"key\" role, an 14-day trip, a 18% rise\n"
            ),
            ["an", "an", "an", "a"]
        );
        let issues = run(Article, "It was a error.\n");
        assert_eq!(issues[0].suggestions, ["an"]);
    }

    #[test]
    fn a_fix_takes_the_article_along_when_the_sound_changes() {
        let fixed = |text: &str, span: &str, suggestions: &[&str]| {
            let start = text.find(span).expect("span");
            let issue = suggestions
                .iter()
                .fold(Issue::new(&INFO, start..start + span.len(), "m"), |i, s| {
                    i.suggest(*s)
                });
            let issue = carry_article(text, issue);
            (text[issue.span.clone()].to_string(), issue.suggestions)
        };
        assert_eq!(
            fixed("It is an old network.", "old network", &["new network"]),
            ("an old network".into(), vec!["a new network".to_string()])
        );
        assert_eq!(
            fixed(
                "An Education Strong Country.",
                "Education Strong Country",
                &["Leading Country"]
            ),
            (
                "An Education Strong Country".into(),
                vec!["A Leading Country".to_string()]
            )
        );
        assert_eq!(
            fixed("Not a house or a home.", "house", &["hour", "hut"]),
            (
                "a house".into(),
                vec!["an hour".to_string(), "a hut".to_string()]
            )
        );
        // The article fits already, or is no article.
        for (text, span) in [
            ("It is a network power.", "network power"),
            ("Plan A network power.", "network power"),
            ("Data network power.", "network power"),
            ("a\nnetwork power", "network power"),
        ] {
            assert_eq!(
                fixed(text, span, &["cyberpower"]),
                (span.to_string(), vec!["cyberpower".to_string()]),
                "{text}"
            );
        }
        let mut s = "from a ".to_string();
        fit_article_before(&mut s, "internet power");
        assert_eq!(s, "from an ");
        let mut s = "An ".to_string();
        fit_article_before(&mut s, "cyberpower");
        assert_eq!(s, "A ");
    }

    #[test]
    fn is_silent_on_the_right_article() {
        assert_silent(
            Article,
            &[
                "It took an hour for a European and an FBI agent to reach a university.\n",
                "A one-off, an MP, a UN envoy and an honest answer.\n",
                "Vitamin A is an essential nutrient, and Plan A is a plan.\n",
                "An historic day in an hotel.\n",
                "It has an 8% share, a \"unique\" role and an ML-based tool.\n",
                "An 11-day trip, a 1,100-metre climb, an 11,000-strong crowd, an 80-year-old.\n",
                "It starts at 10 a.m. with a 100-day plan.\n",
                "The -a option, ..a and a SQLite library.\n",
            ],
        );
    }
}
