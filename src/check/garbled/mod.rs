//! Garbled-text checks: mojibake, replacement and control characters, source script left over.

pub mod control_char;
pub mod mojibake;
pub mod replacement_char;
pub mod source_script;

#[cfg(test)]
mod tests {
    use crate::check::{Check, CheckContext, Engine};
    use crate::document::Document;

    fn checks() -> Vec<Box<dyn Check>> {
        vec![
            Box::new(super::mojibake::Mojibake),
            Box::new(super::replacement_char::ReplacementChar),
            Box::new(super::control_char::ControlChar),
            Box::new(super::source_script::SourceScript),
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
        assert_eq!(
            hits,
            [
                (23, "garbled.source-script", "——"),
                (33, "garbled.source-script", "——"),
                (45, "garbled.source-script", "——"),
            ]
        );
    }
}
