//! `grammar.agreement`: a verb that does not agree with its subject — "the officials is",
//! "two reports was", "they has", "he are": a subject pronoun right before a form of "be"
//! or "have" of the wrong number, or a plural noun phrase (a determiner or number, then
//! adjectives or nouns, then a plural noun that is no verb, looked up in harper-core's
//! dictionary) right before "is", "was" or "has".

use crate::check::spelling::dictionary;
use crate::check::text::{Word, only_space};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "grammar.agreement",
    category: Category::Grammar,
    severity: Severity::Info,
    summary: "a verb that does not agree with its subject",
    example: "The officials is ready, and they has agreed.",
};

#[derive(Debug, Clone, Copy)]
pub struct Agreement;

impl Check for Agreement {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        pronoun_subject(para, out);
        plural_subject(para, out);
    }
}

/// Words after which a bare "have" follows "he", "she" or "it" correctly ("does it have",
/// "that he have").
const BARE_VERB_BEFORE: &[&str] = &[
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "shall",
    "should",
    "may",
    "might",
    "must",
    "that",
    "lest",
    "if",
    "not",
    "doesn't",
    "didn't",
    "won't",
    "wouldn't",
    "can't",
    "couldn't",
    "shouldn't",
    "let",
    "make",
    "makes",
    "made",
    "help",
    "helps",
    "helped",
];

/// "they is", "we has", "he are", "it have": a subject pronoun with a verb of the other
/// number.
fn pronoun_subject(para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
    let text = para.text;
    let words = para.words();
    for (i, pair) in words.windows(2).enumerate() {
        let (pronoun, verb) = (pair[0], pair[1]);
        if !adjacent(text, pronoun, verb) {
            continue;
        }
        let p = pronoun.text(text);
        let v = verb.text(text);
        let right = match (p.to_ascii_lowercase().as_str(), v) {
            ("they" | "we", "is") => "are",
            ("they" | "we", "has") => "have",
            ("he" | "she" | "it", "are") => "is",
            ("he" | "she" | "it", "have") => {
                let before = i
                    .checked_sub(1)
                    .map(|j| words[j].text(text).to_ascii_lowercase());
                if before.is_some_and(|b| BARE_VERB_BEFORE.contains(&b.as_str())) {
                    continue;
                }
                "has"
            }
            _ => continue,
        };
        out.push(
            Issue::new(
                &INFO,
                para.abs(verb.range()),
                format!(
                    "\u{201c}{p} {v}\u{201d}: the verb does not agree with \u{201c}{p}\u{201d}"
                ),
            )
            .suggest(right),
        );
    }
}

/// Conjunctions after which a clause, and so its subject, starts.
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "that", "if", "although", "though", "when", "after", "before", "because",
    "while", "since", "unless", "whether", "where", "once", "so",
];

/// Determiners and quantifiers that open a plural noun phrase.
const PLURAL_OPENERS: &[&str] = &[
    "the",
    "these",
    "those",
    "many",
    "some",
    "several",
    "all",
    "both",
    "such",
    "our",
    "their",
    "its",
    "his",
    "her",
    "my",
    "your",
    "few",
    "most",
    "various",
    "numerous",
    "other",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
];

fn singular_form(verb: &str) -> Option<&'static str> {
    match verb {
        "is" => Some("are"),
        "was" => Some("were"),
        "has" => Some("have"),
        _ => None,
    }
}

/// "the new officials is": a plural noun phrase right before a singular verb.
fn plural_subject(para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
    let text = para.text;
    let words = para.words();
    let dict = dictionary();
    for (i, verb) in words.iter().enumerate().skip(1) {
        let Some(plural) = singular_form(verb.text(text)) else {
            continue;
        };
        let noun = words[i - 1];
        if !adjacent(text, noun, *verb) {
            continue;
        }
        let n = noun.text(text);
        if !n.chars().all(|c| c.is_ascii_lowercase()) || n.ends_with("ss") || !n.ends_with('s') {
            continue;
        }
        let Some(meta) = dict.info(n) else {
            continue;
        };
        if !meta.is_plural_noun_only() || meta.is_mass_noun() {
            continue;
        }
        // Back over adjectives and nouns to the phrase's opener (a determiner or number),
        // or to the start of its clause.
        let mut j = i - 1;
        let mut opened = false;
        loop {
            if j == 0 {
                opened = text[..words[0].start].trim().is_empty();
                break;
            }
            let prev = words[j - 1];
            if !adjacent(text, prev, words[j]) {
                // A clause starts after a comma, semicolon or the end of a sentence.
                let gap = text[prev.end..words[j].start].trim();
                opened = matches!(gap, "," | ";" | "." | ":" | "!" | "?");
                break;
            }
            let p = prev.text(text);
            let lower = p.to_ascii_lowercase();
            if CLAUSE_OPENERS.contains(&lower.as_str()) {
                // "and", "but", "so" join clauses after a comma; otherwise they may join
                // nouns ("computers and computer systems is").
                let joins_nouns = matches!(lower.as_str(), "and" | "but" | "so")
                    && !text[..prev.start].trim_end().ends_with(',');
                opened = !joins_nouns;
                break;
            }
            if is_opener(p) {
                opened = true;
                // The whole run of openers: "these two", "those four", "my most".
                let mut first = j - 1;
                while first >= 1
                    && adjacent(text, words[first - 1], words[first])
                    && is_opener(words[first - 1].text(text))
                {
                    first -= 1;
                }
                // "of the officials is", "among the reasons is", "of these two remarks
                // was", "with those four lines is": not the subject.
                if first >= 1 && adjacent(text, words[first - 1], words[first]) {
                    let before = words[first - 1].text(text).to_ascii_lowercase();
                    let is_prep = dict.info(&before).is_some_and(|m| m.is_preposition());
                    if is_prep || before == "of" {
                        opened = false;
                    }
                }
                break;
            }
            let Some(m) = dict.info(p) else {
                break;
            };
            let content = (m.is_noun() || m.is_adjective())
                && !m.is_pronoun()
                && !m.is_determiner()
                && !m.is_preposition()
                && (p.chars().all(|c| c.is_lowercase()) || m.is_adjective())
                // "Reserving judgments is": a gerund's object is not the subject.
                && !lower.ends_with("ing");
            if !content || i - 1 - j >= 3 {
                break;
            }
            j -= 1;
        }
        if !opened {
            continue;
        }
        let v = verb.text(text);
        out.push(
            Issue::new(
                &INFO,
                para.abs(verb.range()),
                format!("\u{201c}{n} {v}\u{201d}: a plural subject takes \u{201c}{plural}\u{201d}"),
            )
            .suggest(plural),
        );
    }
}

/// A determiner, quantifier or number that opens a plural noun phrase.
fn is_opener(word: &str) -> bool {
    PLURAL_OPENERS.contains(&word.to_ascii_lowercase().as_str())
        || word.bytes().all(|b| b.is_ascii_digit() || b == b',')
}

/// Whether only spaces lie between two words.
fn adjacent(text: &str, a: Word, b: Word) -> bool {
    a.end < b.start && only_space(&text[a.end..b.start])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged};

    #[test]
    fn flags_a_plural_subject_with_a_singular_verb() {
        assert_eq!(
            flagged(Agreement, "The local officials is ready.\n"),
            ["is"]
        );
        assert_eq!(
            flagged(
                Agreement,
                "Two reports was published and many companies has left.\n"
            ),
            ["was", "has"]
        );
        assert_eq!(
            flagged(
                Agreement,
                "Monetary policy measures is needed, and listed companies is willing.\n"
            ),
            ["is", "is"]
        );
    }

    #[test]
    fn flags_pronoun_agreement() {
        assert_eq!(
            flagged(
                Agreement,
                "They has left, we is here, he are there and it have gone.\n"
            ),
            ["has", "is", "are", "have"]
        );
    }

    #[test]
    fn is_silent_on_agreeing_pronouns() {
        assert_silent(
            Agreement,
            &[
                "They have left, we are here, he is there and it has gone.\n",
                "Does it have a plan? They insisted that he have a lawyer.\n",
                "If it were so, as it were, he were.\n",
            ],
        );
    }

    #[test]
    fn is_silent_when_the_subject_is_not_the_plural() {
        assert_silent(
            Agreement,
            &[
                "The number of cases is rising.\n",
                "One of the officials is ready.\n",
                "The juxtaposition of these two remarks was startling.\n",
                "One of my most vivid memories is of the West.\n",
                "The problem with those four lines is speed.\n",
                "Among the reasons is the cost.\n",
                "What remains is unclear.\n",
                "The news is good and the United States is ready.\n",
                "The officials are ready and the report is out.\n",
                "Economics is hard, and the series is over.\n",
                "So is what remains is, and this means is odd.\n",
                "Reserving judgments is wise; the study of computers and computer systems is old.\n",
            ],
        );
    }
}
