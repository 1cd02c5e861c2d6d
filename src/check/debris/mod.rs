//! Debris checks: markup, scraped tag tails and metadata lines left in the text.

mod entities;
pub mod markup;
pub mod metadata;
pub mod tag_tail;

#[cfg(test)]
pub(crate) mod tests {
    use crate::check::Check;

    pub(crate) fn checks() -> Vec<Box<dyn Check>> {
        vec![
            Box::new(super::markup::Markup),
            Box::new(super::tag_tail::TagTail),
            Box::new(super::metadata::Metadata),
        ]
    }
}
