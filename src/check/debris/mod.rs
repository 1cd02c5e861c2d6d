//! Debris checks: markup, scraped tag tails and metadata lines left in the text.

mod entities;
pub mod markup;
pub mod metadata;
pub mod tag_tail;

#[cfg(test)]
pub(crate) mod tests {
    use crate::check::{Check, CheckContext, Engine};
    use crate::document::Document;

    pub(crate) fn checks() -> Vec<Box<dyn Check>> {
        vec![
            Box::new(super::markup::Markup),
            Box::new(super::tag_tail::TagTail),
            Box::new(super::metadata::Metadata),
        ]
    }

    #[test]
    fn seed_article_hits() {
        let text = include_str!("../../../fixtures/cyberspace-review.mt.txt");
        let doc = Document::from_str_named("cyberspace-review.mt.txt", text);
        let issues = Engine::new(checks()).run(&CheckContext::new(&doc));
        let hits: Vec<(usize, &str, &str)> = issues
            .iter()
            .map(|i| {
                (
                    doc.position(i.span.start).line,
                    i.check,
                    doc.slice(i.span.clone()),
                )
            })
            .collect();
        let label = "debris.tag-tail";
        assert_eq!(
            hits,
            [
                (3, "debris.metadata", "Release time:Apr 14, 2024 05:35 AM"),
                (124, label, "Micro Video | "),
                (124, label, " | Population | Micro Video"),
                (125, label, "Micro Video | "),
                (125, label, " | Population | Micro Video"),
                (129, label, " | year-on-year | Overall"),
                (130, label, " | year-on-year | Overall"),
                (134, label, " | Chinese Civilization | General Secretary"),
                (135, label, " | Chinese Civilization | General Secretary"),
                (139, label, "Study every day | "),
                (
                    139,
                    label,
                    " Country | Culture | General Secretary of three points"
                ),
                (140, label, "Study every day | "),
                (
                    140,
                    label,
                    " Country | Culture | General Secretary of three points"
                ),
            ]
        );
    }
}
