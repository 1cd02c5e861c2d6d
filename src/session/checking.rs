//! Running the checks for a session: on the spot for ordinary articles, or on a worker
//! thread for large ones so that opening and typing never wait for a whole-document pass.
//!
//! A job names the original document and the current text of the edited paragraphs; the
//! worker builds the current document (keeping the original's paragraph structure) and
//! runs either all checks or the document-scope ones, with the glossary's term index for
//! that text when the session has a glossary. Jobs that pile up are merged: only the newest
//! text is checked.

use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use super::glossary::SessionGlossary;
use crate::check::terminology::TermIndex;
use crate::check::{CheckRequest, Engine, Issue};
use crate::document::Document;
use crate::glossary::Entry;

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckJob {
    /// The session's change counter when the job was made.
    pub generation: u64,
    pub base: Arc<Document>,
    /// Current text of every paragraph that differs from `base`, by index.
    pub edits: Vec<(usize, String)>,
    /// All checks (true) or the document-scope ones only.
    pub full: bool,
    pub target_lang: String,
    /// The glossary to check the terminology against, if any.
    pub glossary: Option<SessionGlossary>,
    /// The bilingual file whose targets are the paragraphs (one a unit), for the
    /// source-aware checks.
    pub units: Option<Arc<crate::document::units::BilingualFile>>,
    /// The user's own words (the user's dictionary).
    pub user_words: Option<Arc<crate::check::spelling::UserWords>>,
}

/// What a job found, in the coordinates of the text it checked.
#[derive(Debug)]
pub struct CheckOutcome {
    pub generation: u64,
    pub full: bool,
    /// Content span of each paragraph in the checked text.
    pub paragraph_spans: Vec<Range<usize>>,
    pub issues: Vec<Issue>,
    /// How many submitted jobs this outcome answers (newer jobs absorb older ones).
    pub answers: usize,
    /// The term index the checks used (built for the checked text).
    pub terms: Option<Arc<TermIndex>>,
    /// The glossary entries behind the terminology issues found.
    pub entries: Vec<Entry>,
    /// A problem with the glossary (the checks ran with the last index that worked).
    pub warning: Option<String>,
}

/// Runs a job on the calling thread.
pub fn run_job(engine: &Engine, job: &CheckJob) -> CheckOutcome {
    let built;
    let doc = if job.edits.is_empty() {
        job.base.as_ref()
    } else {
        let (text, spans) = current_text(&job.base, &job.edits);
        let kinds = job.base.paragraphs().iter().map(|p| p.kind);
        built = job
            .base
            .with_paragraph_spans(text, spans.into_iter().zip(kinds));
        &built
    };
    let (terms, mut warning) = match &job.glossary {
        Some(g) => {
            let built = g.index_for(doc, &job.target_lang);
            (built.index, built.error)
        }
        None => (None, None),
    };
    let units = job.units.as_deref().map(|file| {
        let spans = doc.paragraphs().iter().map(|p| p.span.clone()).enumerate();
        crate::check::BilingualUnits::with_targets(file, spans)
    });
    let mut request = CheckRequest::new(doc, &job.target_lang)
        .glossary(terms.as_deref())
        .user_words(job.user_words.as_deref());
    if let Some(units) = &units {
        request = request.units(units);
    }
    let ctx = request.context();
    let issues = if job.full {
        engine.run(&ctx)
    } else {
        let mut issues = engine.run_document_scope(&ctx);
        // The session puts these beside the paragraph-scope issues it keeps, and hides
        // those that a document-scope issue supersedes there (see `issues.rs`).
        engine.drop_superseded(&mut issues);
        issues
    };
    // Taken from the checked document once the checks are done (and their working memory
    // freed), not kept beside it while they run.
    let paragraph_spans: Vec<Range<usize>> =
        doc.paragraphs().iter().map(|p| p.span.clone()).collect();
    let issues = super::units::onto_targets(issues, &paragraph_spans, 0);
    let mut entries = Vec::new();
    if let Some(g) = &job.glossary {
        let mut ids: Vec<i64> = issues
            .iter()
            .flat_map(|i| i.entries.iter().copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        match g.entries(&ids) {
            Ok(found) => entries = found,
            Err(e) => warning = warning.or(Some(format!("cannot read the glossary: {e}"))),
        }
    }
    CheckOutcome {
        generation: job.generation,
        full: job.full,
        paragraph_spans,
        issues,
        answers: 1,
        terms,
        entries,
        warning,
    }
}

/// The text of `base` with paragraphs replaced by `edits` (sorted by paragraph), and the
/// span of every paragraph in it. Everything between paragraphs is kept byte for byte,
/// except around a paragraph emptied by the edits: it is removed with its line, so that
/// deleting a duplicated headline or a metadata line leaves no blank line behind (the
/// text between the paragraphs before and after it is the one that preceded the latter).
pub fn current_text(base: &Document, edits: &[(usize, String)]) -> (String, Vec<Range<usize>>) {
    let original = base.text();
    let paragraphs = base.paragraphs();
    let extra: usize = edits.iter().map(|(_, t)| t.len()).sum();
    let mut text = String::with_capacity(original.len() + extra);
    let mut spans = Vec::with_capacity(paragraphs.len());
    let mut next_edit = edits.iter().peekable();
    // Where the text between the previous paragraph and this one starts.
    let mut glue_start = 0;
    let mut any_kept = false;
    for (i, p) in paragraphs.iter().enumerate() {
        let content = match next_edit.peek() {
            Some((j, t)) if *j == i => {
                next_edit.next();
                t.as_str()
            }
            _ => &original[p.span.clone()],
        };
        let glue = &original[glue_start..p.span.start];
        glue_start = p.span.end;
        if content.is_empty() && !p.span.is_empty() {
            spans.push(text.len()..text.len());
            if !any_kept && i == 0 {
                // Keep the byte order mark.
                text.push_str(&glue[..base.body_start().min(glue.len())]);
            }
            continue;
        }
        if any_kept || i == 0 {
            text.push_str(glue);
        } else {
            // The first paragraph kept after removed ones: no line breaks before it.
            if text.is_empty() {
                text.push_str(&glue[..base.body_start().min(glue.len())]);
            }
            text.push_str(glue.trim_start_matches(['\r', '\n']));
        }
        any_kept = true;
        let start = text.len();
        text.push_str(content);
        spans.push(start..text.len());
    }
    text.push_str(&original[glue_start..]);
    (text, spans)
}

/// Runs jobs inline or on a worker thread.
pub enum Checker {
    Inline,
    Background {
        jobs: Sender<CheckJob>,
        outcomes: Receiver<CheckOutcome>,
        /// Jobs sent whose outcome has not been received.
        in_flight: usize,
    },
}

impl Checker {
    pub fn background(engine: Arc<Engine>) -> Self {
        let (jobs, job_rx) = channel::<CheckJob>();
        let (out_tx, outcomes) = channel();
        let spawned = std::thread::Builder::new()
            .name("mtpe-checks".into())
            .spawn(move || {
                while let Ok(mut job) = job_rx.recv() {
                    let mut merged = 1usize;
                    // Check only the newest text; never lose a request for all checks.
                    while let Ok(newer) = job_rx.try_recv() {
                        let full = job.full || newer.full;
                        job = newer;
                        job.full = full;
                        merged += 1;
                    }
                    let mut outcome = run_job(&engine, &job);
                    outcome.answers = merged;
                    // The session changes the text in place once nobody else holds it:
                    // give it back before the session hears that the check is done.
                    drop(job);
                    if out_tx.send(outcome).is_err() {
                        return;
                    }
                }
            });
        match spawned {
            Ok(_) => Checker::Background {
                jobs,
                outcomes,
                in_flight: 0,
            },
            // No thread to be had: checking inline is slower but correct.
            Err(_) => Checker::Inline,
        }
    }

    pub fn is_busy(&self) -> bool {
        matches!(self, Checker::Background { in_flight, .. } if *in_flight > 0)
    }
}

/// What [`Checker::submit`] and [`Checker::poll`] give back.
pub enum Submitted {
    Done(CheckOutcome),
    Queued,
}

impl Checker {
    /// Runs the job now (inline) or queues it.
    pub fn submit(&mut self, engine: &Engine, job: CheckJob) -> Submitted {
        match self {
            Checker::Inline => Submitted::Done(run_job(engine, &job)),
            Checker::Background {
                jobs, in_flight, ..
            } => match jobs.send(job) {
                Ok(()) => {
                    *in_flight += 1;
                    Submitted::Queued
                }
                Err(e) => {
                    *self = Checker::Inline;
                    Submitted::Done(run_job(engine, &e.0))
                }
            },
        }
    }

    /// An outcome, if one is ready; with `wait`, blocks until one is (when any is due).
    pub fn poll(&mut self, wait: bool) -> Option<CheckOutcome> {
        let Checker::Background {
            outcomes,
            in_flight,
            ..
        } = self
        else {
            return None;
        };
        if *in_flight == 0 {
            return None;
        }
        let got = if wait {
            outcomes.recv().ok()
        } else {
            match outcomes.try_recv() {
                Ok(o) => Some(o),
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => None,
            }
        };
        match got {
            Some(o) => {
                *in_flight = in_flight.saturating_sub(o.answers);
                Some(o)
            }
            None => {
                *in_flight = 0;
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::registry;

    #[test]
    fn current_text_keeps_everything_between_paragraphs() {
        let base = Document::from_str_named("t.txt", "\u{feff}One.\r\n\r\nTwo two.\r\nThree.");
        let (text, spans) = current_text(&base, &[(1, "Two.".into())]);
        assert_eq!(text, "\u{feff}One.\r\n\r\nTwo.\r\nThree.");
        let parts: Vec<&str> = spans.iter().map(|s| &text[s.clone()]).collect();
        assert_eq!(parts, ["One.", "Two.", "Three."]);
    }

    #[test]
    fn emptied_paragraphs_take_their_line_with_them() {
        let text = |base: &str, edits: &[(usize, &str)]| {
            let name = if base.contains(['#', '-']) {
                "t.md"
            } else {
                "t.txt"
            };
            let doc = Document::from_str_named(name, base);
            let edits: Vec<(usize, String)> =
                edits.iter().map(|(i, t)| (*i, t.to_string())).collect();
            let (text, spans) = current_text(&doc, &edits);
            assert_eq!(spans.len(), doc.paragraphs().len());
            text
        };
        assert_eq!(text("Title\nTitle\nBody\n", &[(1, "")]), "Title\nBody\n");
        assert_eq!(text("A\n\nB\n\nC\n", &[(1, "")]), "A\n\nC\n");
        assert_eq!(text("A\r\n\r\nB\r\n", &[(1, "")]), "A\r\n");
        assert_eq!(text("\u{feff}A\n\nB\n", &[(0, "")]), "\u{feff}B\n");
        assert_eq!(text("# A\n\n## B\n\nC\n", &[(1, "")]), "# A\n\nC\n");
        assert_eq!(text("- a\n- b\n- c\n", &[(1, "")]), "- a\n- c\n");
        assert_eq!(text("- a\n- b\n", &[(0, "")]), "- b\n");
        assert_eq!(text("# T\n\nB\n", &[(0, "")]), "B\n");
        assert_eq!(text("A\nB\n", &[(0, ""), (1, "")]), "\n");
        assert_eq!(text("A\nB", &[(1, "x")]), "A\nx");
    }

    #[test]
    fn background_and_inline_agree() {
        let engine = Arc::new(crate::check::Engine::new(registry::rule_checks()));
        let base = Arc::new(Document::from_str_named(
            "t.txt",
            "We saw the the results.\nAll fine.\n",
        ));
        let job = CheckJob {
            generation: 7,
            base: Arc::clone(&base),
            edits: vec![(1, "It was was fine.".into())],
            full: true,
            target_lang: "en".into(),
            glossary: None,
            units: None,
            user_words: None,
        };
        let inline = run_job(&engine, &job);
        let mut checker = Checker::background(Arc::clone(&engine));
        assert!(matches!(
            checker.submit(&engine, job.clone()),
            Submitted::Queued
        ));
        assert!(checker.is_busy());
        let outcome = checker.poll(true).unwrap();
        assert!(!checker.is_busy());
        assert_eq!(outcome.generation, 7);
        assert_eq!(outcome.issues, inline.issues);
        assert_eq!(outcome.paragraph_spans, inline.paragraph_spans);
        assert_eq!(outcome.issues.len(), 2, "{:?}", outcome.issues);
    }
}
