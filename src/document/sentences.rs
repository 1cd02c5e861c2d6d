//! Sentence segmentation of a paragraph: Unicode (UAX #29) sentence boundaries, with line
//! breaks inside wrapped paragraphs treated as spaces and common abbreviations mended.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations after which a full stop does not end the sentence, even before a capital.
const NON_TERMINAL_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "ft", "gen", "sen", "rep", "gov", "lt", "col",
    "capt", "sgt", "cpl", "adm", "rev", "hon", "pres", "messrs", "mmes", "no", "nos", "vol",
    "vols", "fig", "figs", "eq", "ch", "sec", "art", "pp", "p", "cf", "vs", "approx", "dept",
    "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "e.g", "i.e", "viz", "al",
];

/// Splits `text` (one paragraph) into sentence spans relative to `text`, trailing
/// whitespace excluded. Line breaks count as spaces, so a wrapped line is not a sentence end.
pub fn sentence_spans(text: &str) -> Vec<Range<usize>> {
    let flattened;
    let subject = if text.contains(['\n', '\r']) {
        // Same byte length: every CR or LF becomes one space.
        flattened = text.replace(['\n', '\r'], " ");
        flattened.as_str()
    } else {
        text
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut pending_merge = false;
    for (start, piece) in subject.split_sentence_bound_indices() {
        let body = piece.trim_end();
        if body.trim_start().is_empty() {
            continue;
        }
        let lead = body.len() - body.trim_start().len();
        let span = start + lead..start + body.len();
        match out.last_mut() {
            Some(last) if pending_merge => last.end = span.end,
            _ => out.push(span),
        }
        pending_merge = ends_with_abbreviation(body);
    }
    out
}

fn ends_with_abbreviation(sentence: &str) -> bool {
    let Some(without_stop) = sentence.strip_suffix('.') else {
        return false;
    };
    let word = without_stop
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // A single capital initial, as in "J. K. Rowling".
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return true;
    }
    let lower = word.to_lowercase();
    NON_TERMINAL_ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        sentence_spans(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            sentences("It rained. We stayed in!  Did you? Yes."),
            ["It rained.", "We stayed in!", "Did you?", "Yes."]
        );
    }

    #[test]
    fn keeps_abbreviations_decimals_and_initials() {
        assert_eq!(
            sentences(
                "Mr. Smith paid $3.50 at 10:30 a.m. on Jan. 5. The U.S. economy grew, e.g. in May. J. K. Rowling wrote."
            ),
            [
                "Mr. Smith paid $3.50 at 10:30 a.m. on Jan. 5.",
                "The U.S. economy grew, e.g. in May.",
                "J. K. Rowling wrote."
            ]
        );
    }

    #[test]
    fn line_breaks_inside_a_wrapped_paragraph_are_spaces() {
        let text = "The committee met\non Tuesday. It agreed.";
        assert_eq!(
            sentences(text),
            ["The committee met\non Tuesday.", "It agreed."]
        );
    }

    #[test]
    fn non_latin_sentences() {
        assert_eq!(sentences("你好。世界！"), ["你好。", "世界！"]);
        assert!(sentences("").is_empty());
        assert!(sentences("   ").is_empty());
    }
}
