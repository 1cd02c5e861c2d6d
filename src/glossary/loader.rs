//! Importing a glossary file into a store: the file is parsed on a thread of its own while
//! the store writes what has been read, so that a big import takes about as long as the
//! slower of the two rather than their sum, and the file's entries are never all in memory
//! at once. A malformed row anywhere in the file still undoes the whole import.

use std::ops::ControlFlow;
use std::sync::mpsc;

use super::import::{GlossaryFile, ImportOptions, ParseReport};
use super::model::EntryData;
use super::store::{Glossary, GlossaryError, ImportProgress, ImportSummary, PreparedEntry};

/// Entries handed from the parser to the store at a time: large enough that the
/// hand-over costs nothing, small enough to keep memory flat.
const BATCH: usize = 256;

/// Batches in flight between the parser and the store.
const QUEUE: usize = 16;

/// What an import did, and what the file's reader had to say.
#[derive(Debug, Clone, Default)]
pub struct ImportOutcome {
    pub summary: ImportSummary,
    pub report: ParseReport,
}

/// Imports `file` into `glossary` in one transaction (see [`Glossary::import_stream`]):
/// nothing is written if the file turns out to be malformed, and nothing at all with
/// `dry_run`. `progress` hears how far it has gone.
pub fn import_file(
    glossary: &mut Glossary,
    file: &GlossaryFile,
    options: &ImportOptions,
    dry_run: bool,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportOutcome, GlossaryError> {
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::sync_channel::<Vec<PreparedEntry>>(QUEUE);
        let parser = scope.spawn(move || parse_in_batches(file, options, sender));
        let mut parser = Some(parser);
        let mut report = None;
        // The file's entries, then, once the parser is done, its error if it found one.
        let entries = receiver
            .into_iter()
            .flatten()
            .map(Ok)
            .chain(std::iter::from_fn(|| {
                let finished = parser.take()?.join();
                match finished {
                    Ok(Ok(r)) => {
                        report = Some(r);
                        None
                    }
                    Ok(Err(e)) => Some(Err(e)),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }));
        let summary = glossary.import_stream(entries, dry_run, progress)?;
        Ok(ImportOutcome {
            summary,
            report: report.unwrap_or_default(),
        })
    })
}

/// Parses `file` and prepares its entries for the store, sending them in batches; stops
/// when nobody listens any more.
fn parse_in_batches(
    file: &GlossaryFile,
    options: &ImportOptions,
    sender: mpsc::SyncSender<Vec<PreparedEntry>>,
) -> Result<ParseReport, super::import::ImportError> {
    let mut batch = Vec::with_capacity(BATCH);
    let mut listening = true;
    let mut invalid = 0;
    let mut report = file.parse_into(options, &mut |entry: EntryData| {
        // The readers refuse or skip invalid entries themselves.
        let Ok(entry) = PreparedEntry::new(entry) else {
            invalid += 1;
            return ControlFlow::Continue(());
        };
        batch.push(entry);
        if batch.len() == BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            if sender.send(full).is_err() {
                listening = false;
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(())
    })?;
    if listening && !batch.is_empty() {
        // The store may have stopped reading: then it reports why.
        let _ = sender.send(batch);
    }
    report.skipped += invalid;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Fill;
    use crate::glossary::import::ImportFormat;

    fn tsv(rows: usize, bad_row: Option<usize>) -> GlossaryFile {
        let mut text = String::from("source\ttarget\tdeprecated\n");
        for i in 0..rows {
            if Some(i) == bad_row {
                text.push_str("x\ty\tz\tone field too many\n");
            } else {
                text.push_str(&format!("源{i}\tterm {i}\told term {i}\n"));
            }
        }
        GlossaryFile {
            name: "terms.tsv".into(),
            bytes: text.into_bytes(),
            format: ImportFormat::Tsv,
        }
    }

    fn count(g: &Glossary) -> i64 {
        g.stats().unwrap().entries
    }

    #[test]
    fn imports_a_file_bigger_than_the_queue_in_one_go() {
        let dir = tempfile::tempdir().unwrap();
        let mut g = Glossary::create(&dir.path().join("g.sqlite"), Fill::Empty).unwrap();
        let rows = BATCH * (QUEUE + 3) + 17;
        let file = tsv(rows, None);
        let mut heard = Vec::new();
        let outcome = import_file(&mut g, &file, &ImportOptions::default(), false, &mut |p| {
            heard.push(p)
        })
        .unwrap();
        assert_eq!(outcome.summary.added, rows as u64);
        assert_eq!(
            heard.last_chunk(),
            Some(&[
                ImportProgress::Entries(rows as u64),
                ImportProgress::Finishing
            ])
        );
        assert_eq!(count(&g), rows as i64);
        assert!(
            outcome
                .report
                .remarks
                .iter()
                .any(|r| r.contains("assumed zh \u{2192} en")),
            "{:?}",
            outcome.report.remarks
        );
    }

    #[test]
    fn a_malformed_row_late_in_the_file_leaves_the_glossary_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let mut g = Glossary::create(&dir.path().join("g.sqlite"), Fill::Shipped).unwrap();
        let before = count(&g);
        let rows = BATCH * (QUEUE + 3);
        let err = import_file(
            &mut g,
            &tsv(rows, Some(rows - 2)),
            &ImportOptions::default(),
            false,
            &mut |_| {},
        )
        .unwrap_err();
        let GlossaryError::Import(e) = &err else {
            panic!("{err}");
        };
        assert_eq!((e.file.as_str(), e.line), ("terms.tsv", Some(rows)));
        assert_eq!(count(&g), before);
        // The glossary is still usable.
        let ok = import_file(
            &mut g,
            &tsv(3, None),
            &ImportOptions::default(),
            false,
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(ok.summary.added, 3);
    }

    #[test]
    fn a_dry_run_reads_everything_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut g = Glossary::create(&dir.path().join("g.sqlite"), Fill::Empty).unwrap();
        let rows = BATCH * 2 + 1;
        let outcome = import_file(
            &mut g,
            &tsv(rows, None),
            &ImportOptions::default(),
            true,
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(outcome.summary.added, rows as u64);
        assert_eq!(count(&g), 0);
    }
}
