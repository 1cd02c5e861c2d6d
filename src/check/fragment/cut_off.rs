//! `fragment.cut-off`: a paragraph of prose that stops without closing punctuation — cut off
//! mid-sentence by the scraper or the translation engine. Headings, bylines and headlines
//! (short, Title Case, or "headline -- subtitle") are not prose and are left alone.

use crate::check::text::{Word, in_code_like_token, protected_spans};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};
use crate::document::BlockKind;

static INFO: CheckInfo = CheckInfo {
    id: "fragment.cut-off",
    category: Category::Fragment,
    severity: Severity::Warning,
    summary: "a paragraph that ends without closing punctuation, cut off mid-sentence",
    example: "… and effectively protect the legitimate rights and interests of",
};

/// Paragraphs of at most this many words may be headings or bylines (default of the
/// `max-heading-words` option: the shortest paragraph flagged has one word more).
pub const MAX_HEADING_WORDS: usize = 12;

/// Title Case lines longer than this are prose full of names, not headlines.
const MAX_TITLE_WORDS: usize = 40;

/// Words a sentence cannot end with.
const DANGLING: &[&str] = &[
    "the", "a", "an", "of", "to", "and", "or", "but", "in", "on", "at", "for", "with", "by",
    "from", "into", "as", "that", "which", "who", "whose", "its", "their", "our", "his", "her",
    "is", "are", "was", "were", "be", "will", "would", "can", "could", "should", "than", "such",
];

const TERMINAL: &[char] = &[
    '.', '!', '?', '…', ':', ')', ']', '。', '！', '？', '—', '–', '-', '―',
];
const CLOSING_QUOTES: &[char] = &['"', '\'', '\u{201d}', '\u{2019}', '»', '*', '_'];

#[derive(Debug, Clone, Copy)]
pub struct CutOff {
    /// Paragraphs of at most this many words may be headings and are left alone.
    pub max_heading_words: usize,
}

impl Default for CutOff {
    fn default() -> Self {
        CutOff {
            max_heading_words: MAX_HEADING_WORDS,
        }
    }
}

impl Check for CutOff {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        if !matches!(para.paragraph.kind, BlockKind::Text | BlockKind::Quote)
            || !para.ends_paragraph()
        {
            return;
        }
        let text = para.text;
        let body = text.trim_end_matches(CLOSING_QUOTES);
        let Some(last) = body.chars().next_back() else {
            return;
        };
        if TERMINAL.contains(&last) || !(last.is_alphanumeric() || last == ',' || last == ';') {
            return;
        }
        let words = para.words();
        if last != ';' && looks_like_heading(text, words, self.max_heading_words) {
            return;
        }
        if introduces_next_block(para) || ends_with_url_or_code(text) {
            return;
        }
        if last == ',' && introduces_speech(para) {
            return;
        }
        let Some(last_word) = words.last() else {
            return;
        };
        if last == ';' {
            let at = body.len() - 1;
            out.push(
                Issue::new(
                    &INFO,
                    para.abs(at..at + 1),
                    "the paragraph ends with a semicolon: the sentence is unfinished",
                )
                .suggest("."),
            );
            return;
        }
        if last == ',' {
            let at = body.len() - 1;
            out.push(Issue::new(
                &INFO,
                para.abs(at..at + 1),
                "the paragraph ends with a comma: it was cut off mid-sentence",
            ));
            return;
        }
        let word = last_word.text(text);
        let dangling = DANGLING.iter().any(|d| word.eq_ignore_ascii_case(d));
        let mut issue = Issue::new(
            &INFO,
            para.abs(last_word.range()),
            if dangling {
                format!(
                    "the paragraph ends with \u{201c}{word}\u{201d}: it was cut off mid-sentence"
                )
            } else {
                "the paragraph ends without closing punctuation: it may have been cut off \
                 mid-sentence"
                    .to_string()
            },
        );
        if !dangling {
            issue = issue.suggest(format!("{word}."));
        }
        out.push(issue);
    }
}

/// Whether the next paragraph is what this one leads into: a list, a block quote or code
/// ("argued in 1975," before a quotation; "the License at" before an address), or the next
/// item of an enumeration ("(a) … ; or" before "(b) …").
fn introduces_next_block(para: &ParagraphView<'_>) -> bool {
    let doc = para.ctx.doc;
    let Some(next) = doc.paragraphs().get(para.index + 1) else {
        return false;
    };
    match next.kind {
        BlockKind::ListItem | BlockKind::Quote | BlockKind::Code | BlockKind::Table => true,
        BlockKind::Text => starts_with_enumerator(doc.slice(next.span.clone())),
        _ => false,
    }
}

/// "(a) ", "b) ", "(iv) ", "(2) ", "3) " at the start of a paragraph.
fn starts_with_enumerator(text: &str) -> bool {
    let rest = text.strip_prefix('(').unwrap_or(text);
    let label_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let label = &rest[..label_len];
    let short_label = (1..=2).contains(&label.len())
        && (label.bytes().all(|b| b.is_ascii_digit())
            || label.len() == 1 && label.bytes().all(|b| b.is_ascii_lowercase()))
        || !label.is_empty() && label.len() <= 4 && label.bytes().all(|b| b"ivxl".contains(&b));
    short_label && rest[label_len..].starts_with(") ")
}

/// A paragraph whose last token is an address, inline code or other code-like token ("…is
/// available here: https://example.org/contributors", "include Path [<metadata>];") ends
/// with it, not mid-sentence.
fn ends_with_url_or_code(text: &str) -> bool {
    let end = text.trim_end().len();
    protected_spans(text).last().is_some_and(|r| r.end == end)
        || text[..end]
            .char_indices()
            .next_back()
            .is_some_and(|(i, _)| in_code_like_token(text, i))
}

/// "…and went on to himself in an undertone," before a paragraph that opens with a
/// quotation: the comma introduces the speech.
fn introduces_speech(para: &ParagraphView<'_>) -> bool {
    let doc = para.ctx.doc;
    doc.paragraphs()
        .get(para.index + 1)
        .is_some_and(|next| doc.slice(next.span.clone()).starts_with(['\u{201c}', '"']))
}

/// Short lines, Title Case lines, tag-tailed headlines and "headline -- subtitle" lines.
fn looks_like_heading(text: &str, words: &[Word], max_heading_words: usize) -> bool {
    if words.len() <= max_heading_words || text.contains(" | ") {
        return true;
    }
    // Title Case: most longer words capitalised.
    let long: Vec<&str> = words
        .iter()
        .map(|w| w.text(text))
        .filter(|w| w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    if words.len() <= MAX_TITLE_WORDS && !long.is_empty() && capitalised * 10 >= long.len() * 6 {
        return true;
    }
    // "Headline -- subtitle" with no sentence ending inside it.
    let has_separator = [" -- ", " - ", " — ", " – "]
        .iter()
        .any(|s| text.contains(s));
    let has_inner_sentence_end = text.char_indices().any(|(i, c)| {
        matches!(c, '.' | '!' | '?')
            && text[i + 1..].starts_with(' ')
            && text[i + 1..]
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    });
    has_separator && !has_inner_sentence_end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run, run_named};

    const CUT: &str = "We will carry out a series of special actions in depth, concentrate on rectifying harmful information online, and effectively protect the legitimate rights and interests of netizens";

    #[test]
    fn flags_cut_off_paragraphs() {
        assert_eq!(flagged(CutOff::default(), CUT), ["netizens"]);
        let issues = run(CutOff::default(), CUT);
        assert_eq!(issues[0].suggestions, ["netizens."]);
        let dangling = "The price of pork has decreased from a 4% increase last month, and the price of fresh vegetables rose because of the";
        assert_eq!(flagged(CutOff::default(), dangling), ["the"]);
        assert!(run(CutOff::default(), dangling)[0].suggestions.is_empty());
        let semicolon = "Implement the Opinions on Accelerating the Establishment of a governance system, and widely consolidate the joint efforts of comprehensive governance;";
        assert_eq!(flagged(CutOff::default(), semicolon), [";"]);
    }

    #[test]
    fn leaves_headings_and_complete_paragraphs_alone() {
        assert_silent(
            CutOff::default(),
            &[
                "Creating a clear and clear network ecosystem",
                "Xinhua News Agency reporters Wang Sibei and Bai Ying",
                "Stepping Forward towards a Strong Cyber Country: A Review of the Development of China's Cyberspace Industry Since the 18th National Congress",
                "Guiding the right direction for promoting the development of the international human rights cause -- President Xi Jinping's congratulatory letter to the forum triggered a warm response",
                "Micro Video | Strengthening the Construction of an Education Strong Country, Comprehensively Improving Population Quality | Population",
                "He asked whether the plan, which had been debated for months by the committee and the public, would work?",
                "She wrote that the meeting, held in the capital on Tuesday, had been \u{201c}productive and open.\u{201d}",
                "The delegates agreed on the following points for the next round of talks in the spring:",
                "He paused and looked at the long list of names on the board before he said anything at all...",
            ],
        );
    }

    #[test]
    fn a_paragraph_leading_into_a_list_quote_or_code_is_not_cut_off() {
        let legal = "The licensor permits you to copy the Work, provided that you keep the notice described\nin the Exhibit and that you follow these terms:\n\n    (a) that the initial Contributor has attached the notice described\n        in Exhibit B to the Covered Software; or\n\n    (b) that the Covered Software was made available under the terms of\n        version 1.1 or earlier of the License.\n";
        assert!(run_named(CutOff::default(), "l.txt", legal).is_empty());
        let quote = "Allen Newell and Herbert A. Simon argued in 1975 in their lecture on computer science,\n\n> Computer science is an empirical discipline.\n";
        assert!(run_named(CutOff::default(), "q.md", quote).is_empty());
        let address = "Rusqlite is the product of hard work by a number of people. A list is available\nhere: https://github.com/rusqlite/rusqlite/graphs/contributors\n";
        assert!(run_named(CutOff::default(), "a.md", address).is_empty());
        let syntax = "   import RelativePathString as NAME and the rest of the statement that follows [<metadata>];\n";
        assert!(flagged(CutOff::default(), syntax).is_empty());
        let speech = "The King hastily said, and went on to himself in an undertone that nobody could hear,\n\n\u{201c}important\u{2014}unimportant\u{2014}important\u{2014}\u{201d} as if he were trying.\n";
        assert!(flagged(CutOff::default(), speech).is_empty());
    }

    #[test]
    fn one_paragraph_a_line_enumerates_too() {
        let items = "(1) Where the operator fails to perform the security protection obligations;\n(2) Where the operator refuses to provide the support and assistance required by law; or\n(3) Where the operator discloses personal information without consent.\n";
        assert!(flagged(CutOff::default(), items).is_empty());
        let text = format!("{CUT}\n\nThe next paragraph is ordinary text, and it ends properly.\n");
        assert_eq!(flagged(CutOff::default(), &text), ["netizens"]);
    }

    #[test]
    fn list_items_and_markdown_headings_are_not_prose_paragraphs() {
        let text = "# A heading that is rather long and has no full stop at all in it anywhere\n\n- a list item that runs on for quite a number of words without any stop\n";
        assert!(run_named(CutOff::default(), "a.md", text).is_empty());
    }
}
