//! `spelling.dialect`: a spelling of another dialect of English than the text's ("color"
//! in a British text, "harbour" in an American one), with the text's own spelling as the
//! suggestion. Each spelling is right somewhere, so the dictionary takes them all; what a
//! reader notices is a text that mixes them.
//!
//! The text's dialect is the one given (`--dialect`, the configuration's `dialect`, or a
//! target language such as `en-GB`); else it is the one most of the text's
//! dialect-marked words belong to, by the dialect annotations of harper-core's dictionary
//! ("colour" is Canadian, Australian and British; "organise" Australian and British, not
//! Canadian; "color" American). When two dialects are used as often, the first marked
//! word of the text decides. A text with no marked word, or whose marked words all agree,
//! is silent. Only lower-case words, or capitalised ones at the start of a sentence, are
//! looked at: a name keeps its own spelling ("Labor Party", "Pearl Harbor").

use std::collections::HashMap;

use harper_core::{Dialect as HarperDialect, DialectFlags};

use super::{UserWords, dictionary};
use crate::check::text::{in_code_like_token, in_spans, protected_spans};
use crate::check::{
    Category, Check, CheckContext, CheckInfo, Issue, ParagraphView, Scope, Severity,
};

/// The check's id.
pub const ID: &str = "spelling.dialect";

static INFO: CheckInfo = CheckInfo {
    id: ID,
    category: Category::Spelling,
    severity: Severity::Info,
    summary: "a spelling of another dialect of English than the rest of the text (or than --dialect)",
    example: "The harbour authority said the color of the harbor wall would not change; the harbor reopened.",
};

/// A dialect of English a text can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dialect {
    American,
    British,
    Canadian,
    Australian,
}

impl Dialect {
    pub const ALL: [Dialect; 4] = [
        Dialect::American,
        Dialect::British,
        Dialect::Canadian,
        Dialect::Australian,
    ];

    /// Its name in the configuration and on the command line: `american`, `british`…
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::American => "american",
            Dialect::British => "british",
            Dialect::Canadian => "canadian",
            Dialect::Australian => "australian",
        }
    }

    /// Its name in a message: "American".
    pub fn adjective(self) -> &'static str {
        match self {
            Dialect::American => "American",
            Dialect::British => "British",
            Dialect::Canadian => "Canadian",
            Dialect::Australian => "Australian",
        }
    }

    /// A dialect by its name (`american`, also `us`, `en-US`; `british`, `uk`, `gb`,
    /// `en-GB`; `canadian`, `ca`, `en-CA`; `australian`, `au`, `en-AU`), any letter case.
    pub fn parse(name: &str) -> Option<Dialect> {
        let name = name.trim().to_ascii_lowercase().replace('_', "-");
        let name = name.strip_prefix("en-").unwrap_or(&name);
        Some(match name {
            "american" | "us" | "usa" => Dialect::American,
            "british" | "uk" | "gb" => Dialect::British,
            "canadian" | "ca" => Dialect::Canadian,
            "australian" | "au" => Dialect::Australian,
            _ => return None,
        })
    }

    /// The dialect a BCP 47 language tag names (`en-GB`), if any.
    pub fn of_language(tag: &str) -> Option<Dialect> {
        let tag = tag.to_ascii_lowercase().replace('_', "-");
        let region = tag.strip_prefix("en-")?;
        Dialect::parse(region.split('-').next().unwrap_or(region))
    }

    fn harper(self) -> HarperDialect {
        match self {
            Dialect::American => HarperDialect::American,
            Dialect::British => HarperDialect::British,
            Dialect::Canadian => HarperDialect::Canadian,
            Dialect::Australian => HarperDialect::Australian,
        }
    }
}

impl std::fmt::Display for Dialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of the four dialects, as bits of `Dialect::ALL`'s order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Dialects(u8);

impl Dialects {
    const EVERY: Dialects = Dialects(0b1111);

    fn of(d: Dialect) -> Self {
        Dialects(1 << Dialect::ALL.iter().position(|x| *x == d).unwrap_or(0))
    }

    fn from_flags(flags: DialectFlags) -> Self {
        let mut bits = 0;
        for (i, d) in Dialect::ALL.iter().enumerate() {
            if flags.is_dialect_enabled_strict(d.harper()) {
                bits |= 1 << i;
            }
        }
        Dialects(bits)
    }

    fn contains(self, d: Dialect) -> bool {
        self.0 & Self::of(d).0 != 0
    }

    fn intersects(self, other: Dialects) -> bool {
        self.0 & other.0 != 0
    }

    fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How a reader names this group of dialects' spelling: British wherever British
    /// spelling is among them ("colour"), else American ("color", "mom").
    fn name(self) -> &'static str {
        [
            Dialect::British,
            Dialect::American,
            Dialect::Canadian,
            Dialect::Australian,
        ]
        .into_iter()
        .find(|d| self.contains(*d))
        .map_or("another dialect's", Dialect::adjective)
    }
}

/// The dialects the dictionary says `word` (lower case) belongs to, if it is marked as
/// belonging to some of the four and not all.
fn marked(word: &str) -> Option<Dialects> {
    let info = dictionary().info(word)?;
    let set = Dialects::from_flags(info.dialects());
    (!set.is_empty() && set != Dialects::EVERY).then_some(set)
}

/// The check, with the dialect a configuration gives (`None`: from the target language,
/// else from the text).
#[derive(Debug, Clone, Copy, Default)]
pub struct DialectMix {
    pub dialect: Option<Dialect>,
}

/// A word of a dialect: where it is and which dialects spell it so.
struct Marked {
    start: usize,
    end: usize,
    lower: String,
    dialects: Dialects,
}

impl Check for DialectMix {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn check_document(&self, ctx: &CheckContext<'_>, out: &mut Vec<Issue>) {
        if !ctx.target_lang.to_ascii_lowercase().starts_with("en") {
            return;
        }
        let words = marked_words(ctx, ctx.user_words);
        if words.is_empty() {
            return;
        }
        let given = self
            .dialect
            .or_else(|| Dialect::of_language(&ctx.target_lang));
        let text_dialects = match given {
            Some(d) => Dialects::of(d),
            None => majority(&words),
        };
        for w in &words {
            if w.dialects.intersects(text_dialects) {
                continue;
            }
            let text = &ctx.doc.text()[w.start..w.end];
            let own = text_dialects.name();
            let message = match given {
                Some(d) => format!(
                    "\u{201c}{text}\u{201d} is {} spelling; the text is to be {} (dialect {d})",
                    w.dialects.name(),
                    d.adjective()
                ),
                None => format!(
                    "\u{201c}{text}\u{201d} is {} spelling in a text that otherwise spells the {own} way",
                    w.dialects.name()
                ),
            };
            let mut issue = Issue::new(&INFO, w.start..w.end, message);
            if let Some(s) = respelling(&w.lower, text_dialects) {
                issue.suggestions = vec![same_case(text, &s)];
            }
            out.push(issue);
        }
    }
}

/// The dialect-marked words of the text's prose, in order.
fn marked_words(ctx: &CheckContext<'_>, user: Option<&UserWords>) -> Vec<Marked> {
    let mut out = Vec::new();
    // A text repeats its words: each distinct word is looked up once.
    let mut seen: HashMap<String, Option<Dialects>> = HashMap::new();
    for (i, _) in ctx.prose_paragraphs() {
        let view = ParagraphView::new(ctx, i);
        let text = view.text;
        let mut protected = None;
        for w in view.words() {
            let word = w.text(text);
            if !word.chars().all(|c| c.is_ascii_alphabetic()) || word.len() < 3 {
                continue;
            }
            let mut chars = word.chars();
            let capitalised = chars.next().is_some_and(|c| c.is_ascii_uppercase());
            if chars.any(|c| c.is_ascii_uppercase())
                || (capitalised && !super::unknown_word::sentence_initial(text, w.start))
            {
                continue;
            }
            let lower = word.to_ascii_lowercase();
            let found = match seen.get(&lower) {
                Some(found) => *found,
                None => {
                    let found = marked(&lower);
                    seen.insert(lower.clone(), found);
                    found
                }
            };
            let Some(dialects) = found else {
                continue;
            };
            if user.is_some_and(|u| u.accepts(word)) {
                continue;
            }
            let protected = protected.get_or_insert_with(|| protected_spans(text));
            if in_spans(protected, w.start) || in_code_like_token(text, w.start) {
                continue;
            }
            let span = view.abs(w.start..w.end);
            out.push(Marked {
                start: span.start,
                end: span.end,
                lower,
                dialects,
            });
        }
    }
    out
}

/// The dialects most of the marked words belong to; on a tie, those of the first
/// marked word among them.
fn majority(words: &[Marked]) -> Dialects {
    let mut counts = [0usize; 4];
    for w in words {
        for (i, d) in Dialect::ALL.iter().enumerate() {
            if w.dialects.contains(*d) {
                counts[i] += 1;
            }
        }
    }
    let max = counts.iter().copied().max().unwrap_or(0);
    let mut best = Dialects(0);
    for (i, n) in counts.iter().enumerate() {
        if *n == max {
            best.0 |= 1 << i;
        }
    }
    // Two spellings used as often must not pass as one text's: the first marked word
    // among the most used decides.
    match words.iter().find(|w| w.dialects.intersects(best)) {
        Some(first) => Dialects(best.0 & first.dialects.0),
        None => best,
    }
}

/// Regular correspondences between the dialects' spellings: (one, other) endings or
/// words; each is tried both ways.
const RESPELLINGS: &[(&str, &str)] = &[
    ("our", "or"),
    ("ours", "ors"),
    ("oured", "ored"),
    ("ouring", "oring"),
    ("ourite", "orite"),
    ("ourites", "orites"),
    ("ourable", "orable"),
    ("re", "er"),
    ("res", "ers"),
    ("red", "ered"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("isation", "ization"),
    ("isations", "izations"),
    ("iser", "izer"),
    ("isers", "izers"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("yses", "yzes"),
    ("ysing", "yzing"),
    ("lled", "led"),
    ("lling", "ling"),
    ("ller", "ler"),
    ("llers", "lers"),
    ("ence", "ense"),
    ("ences", "enses"),
    ("ogue", "og"),
    ("ogues", "ogs"),
    ("mme", "m"),
    ("mmes", "ms"),
    ("ae", "e"),
    ("oe", "e"),
    ("grey", "gray"),
    ("greys", "grays"),
    ("tyre", "tire"),
    ("tyres", "tires"),
    ("aluminium", "aluminum"),
    ("mum", "mom"),
    ("mums", "moms"),
    ("cheque", "check"),
    ("cheques", "checks"),
    ("plough", "plow"),
    ("ploughs", "plows"),
    ("kerb", "curb"),
    ("kerbs", "curbs"),
    ("pyjamas", "pajamas"),
    ("sceptic", "skeptic"),
    ("sceptical", "skeptical"),
    ("ageing", "aging"),
    ("judgement", "judgment"),
    ("enrol", "enroll"),
    ("enrolment", "enrollment"),
    ("fulfil", "fulfill"),
    ("fulfilment", "fulfillment"),
];

/// `lower` respelt the way `dialects` spell it: by the regular correspondences, else the
/// closest marked word of those dialects.
fn respelling(lower: &str, dialects: Dialects) -> Option<String> {
    let fits = |w: &str| {
        dictionary().contains(w) && marked(w).is_none_or(|d| d.intersects(dialects)) && w != lower
    };
    for (a, b) in RESPELLINGS {
        for (from, to) in [(a, b), (b, a)] {
            if let Some(stem) = lower.strip_suffix(from) {
                let candidate = format!("{stem}{to}");
                if fits(&candidate) && (stem.len() >= 2 || stem.is_empty()) {
                    return Some(candidate);
                }
            }
        }
    }
    dictionary()
        .near(lower, 2, 16)
        .into_iter()
        .map(|m| m.word)
        .find(|w| {
            w.chars().all(|c| c.is_lowercase())
                && marked(w).is_some_and(|d| d.intersects(dialects))
                && fits(w)
        })
}

/// `word` in the letter case of `like` (capitalised or not).
fn same_case(like: &str, word: &str) -> String {
    if like.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = word.chars();
        chars
            .next()
            .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
    } else {
        word.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged};
    use crate::document::Document;

    fn run(check: DialectMix, text: &str, lang: &str) -> Vec<Issue> {
        let doc = Document::from_str_named("t.txt", text);
        crate::check::CheckRequest::new(&doc, lang)
            .run(&crate::check::Engine::new(vec![Box::new(check)]))
    }

    #[test]
    fn the_minority_spelling_is_flagged_with_the_texts_own() {
        let text = "The harbour is busy. The colour of the harbour wall and the centre of \
                    town will not change, the color will.\n";
        let issues = run(DialectMix::default(), text, "en");
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(&text[issues[0].span.clone()], "color");
        assert_eq!(issues[0].suggestions, ["colour"]);
        assert!(
            issues[0].message.contains("American spelling"),
            "{}",
            issues[0].message
        );
        let text = "The color and the center, the harbor. We traveled; the theatre opened.\n";
        let issues = run(DialectMix::default(), text, "en");
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].suggestions, ["theater"]);
    }

    #[test]
    fn a_given_dialect_flags_every_other_spelling() {
        let text = "The colour of the harbour; they organised it.\n";
        let american = DialectMix {
            dialect: Some(Dialect::American),
        };
        let issues = run(american, text, "en");
        let found: Vec<(&str, &str)> = issues
            .iter()
            .map(|i| (&text[i.span.clone()], i.suggestions[0].as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("colour", "color"),
                ("harbour", "harbor"),
                ("organised", "organized")
            ]
        );
        assert!(
            issues[0].message.contains("to be American"),
            "{}",
            issues[0].message
        );
        // A target language with a region is a given dialect too.
        assert_eq!(run(DialectMix::default(), text, "en-US").len(), 3);
        assert!(run(DialectMix::default(), text, "en-GB").is_empty());
        // Canadian spells "colour" but "organize".
        let canadian = DialectMix {
            dialect: Some(Dialect::Canadian),
        };
        let issues = run(canadian, text, "en");
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(&text[issues[0].span.clone()], "organised");
    }

    #[test]
    fn a_tie_is_decided_by_the_first_marked_word() {
        let text = "The colour was fine. The color was not.\n";
        let issues = run(DialectMix::default(), text, "en");
        assert_eq!(issues.len(), 1);
        assert_eq!(&text[issues[0].span.clone()], "color");
        let user = UserWords::new(["color"]);
        let doc = Document::from_str_named("t.txt", text);
        let none = crate::check::CheckRequest::new(&doc, "en")
            .user_words(Some(&user))
            .run(&crate::check::Engine::new(vec![Box::new(
                DialectMix::default(),
            )]));
        assert!(none.is_empty(), "the user's words are the user's: {none:?}");
    }

    #[test]
    fn consistent_texts_and_names_are_silent() {
        assert_silent(
            DialectMix::default(),
            &[
                "The colour of the harbour; the centre of the programme.\n",
                "The color of the harbor; the center of the program.\n",
                "They organize and analyze; we organise nothing.\n",
                "The Labour Party and the Labor Party met at Pearl Harbor by the harbour.\n",
                "No marked word at all here.\n",
                "See `color` in colour.css and the COLOR constant; the colour stays.\n",
            ],
        );
        assert_eq!(
            flagged(
                DialectMix::default(),
                "The colour, the harbour. Color matters.\n"
            ),
            ["Color"]
        );
    }

    #[test]
    fn dialects_are_named_as_users_write_them() {
        assert_eq!(Dialect::parse("British"), Some(Dialect::British));
        assert_eq!(Dialect::parse("en-GB"), Some(Dialect::British));
        assert_eq!(Dialect::parse("us"), Some(Dialect::American));
        assert_eq!(Dialect::parse("indian"), None);
        assert_eq!(Dialect::of_language("en-AU"), Some(Dialect::Australian));
        assert_eq!(Dialect::of_language("en_ca"), Some(Dialect::Canadian));
        assert_eq!(Dialect::of_language("en"), None);
        assert_eq!(Dialect::of_language("fr-CA"), None);
    }
}
