//! Recording each saved version in the revision history (`mtpe history`), on a thread of
//! its own: the statistics of a large article take about a second per 10 MB, and the
//! editor must not wait for them. Saves are recorded in order; a failure is reported, and
//! never undoes the save (the files are written before the recording starts). An article
//! moved or renamed since its last recorded save continues its history
//! ([`Recorded::moved_from`] names where it was).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread::JoinHandle;

use crate::document::Document;
use crate::history::{Recorded, record_save_keeping};
use crate::session::OriginalText;

/// One saved version to record.
struct Job {
    /// The article's file (none: it cannot be recorded).
    article: Option<PathBuf>,
    /// The article's text, the original the version corrects.
    original: OriginalText,
    corrected: Arc<String>,
    saved_to: PathBuf,
}

/// What became of one recording.
pub type Outcome = Result<Recorded, String>;

/// A worker that records saved versions in the revision store.
pub struct Recorder {
    /// `--store`; `None` means `$MTPE_STORE`, else the user data directory.
    store: Option<PathBuf>,
    /// Revisions of the article older than this are erased after each recording.
    keep_for: Option<std::time::Duration>,
    worker: Option<(Sender<Job>, Receiver<Outcome>, JoinHandle<()>)>,
    in_flight: usize,
}

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder")
            .field("store", &self.store)
            .field("in_flight", &self.in_flight)
            .finish()
    }
}

impl Recorder {
    /// A recorder for the store named by `store` (else `$MTPE_STORE`, else the default);
    /// its thread starts with the first save.
    pub fn new(store: Option<PathBuf>) -> Self {
        Recorder {
            store,
            keep_for: None,
            worker: None,
            in_flight: 0,
        }
    }

    /// After each recording, erases the article's revisions recorded longer ago than
    /// `keep_for` (`None`: keeps them all).
    pub fn keeping_for(mut self, keep_for: Option<std::time::Duration>) -> Self {
        self.keep_for = keep_for;
        self
    }

    fn start(&mut self) -> std::io::Result<&Sender<Job>> {
        if self.worker.is_none() {
            let (jobs, job_rx) = channel::<Job>();
            let (out_tx, outcomes) = channel();
            let store = self.store.clone();
            let keep_for = self.keep_for;
            let handle = std::thread::Builder::new()
                .name("mtpe-history".into())
                .spawn(move || {
                    while let Ok(job) = job_rx.recv() {
                        if out_tx
                            .send(record(store.as_deref(), keep_for, &job))
                            .is_err()
                        {
                            return;
                        }
                    }
                })?;
            self.worker = Some((jobs, outcomes, handle));
        }
        match &self.worker {
            Some((jobs, _, _)) => Ok(jobs),
            None => Err(std::io::Error::other("no history thread")),
        }
    }

    /// Starts recording `corrected`, just saved to `saved_to`, as a revision of
    /// `article`. An error here (no thread to be had) is returned at once.
    pub fn record(
        &mut self,
        article: Arc<Document>,
        corrected: Arc<String>,
        saved_to: PathBuf,
    ) -> Result<(), String> {
        let path = article.origin().path().map(PathBuf::from);
        let original = OriginalText::unchanged(article.shared_text());
        self.record_texts(path, original, corrected, saved_to)
    }

    /// Like [`Recorder::record`], for the article at `article` whose text was `original`
    /// (an editor that no longer holds the original as a document: it is built on the
    /// recording thread).
    pub fn record_texts(
        &mut self,
        article: Option<PathBuf>,
        original: OriginalText,
        corrected: Arc<String>,
        saved_to: PathBuf,
    ) -> Result<(), String> {
        let job = Job {
            article,
            original,
            corrected,
            saved_to,
        };
        let sent = match self.start() {
            Ok(jobs) => jobs.send(job).is_ok(),
            Err(_) => false,
        };
        if sent {
            self.in_flight += 1;
            Ok(())
        } else {
            self.worker = None;
            Err("the history thread could not be started".into())
        }
    }

    /// Whether a recording is under way.
    pub fn is_busy(&self) -> bool {
        self.in_flight > 0
    }

    /// Recordings finished since the last call, without waiting.
    pub fn poll(&mut self) -> Vec<Outcome> {
        let mut out = Vec::new();
        let Some((_, outcomes, _)) = &self.worker else {
            return out;
        };
        while self.in_flight > 0 {
            match outcomes.try_recv() {
                Ok(o) => {
                    self.in_flight -= 1;
                    out.push(o);
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    out.push(Err("the history thread stopped".into()));
                    self.in_flight = 0;
                }
            }
        }
        out
    }

    /// Waits for every recording under way (the editor is closing) and returns them.
    pub fn finish(&mut self) -> Vec<Outcome> {
        let mut out = Vec::new();
        let Some((jobs, outcomes, handle)) = self.worker.take() else {
            return out;
        };
        drop(jobs);
        while self.in_flight > 0 {
            match outcomes.recv() {
                Ok(o) => out.push(o),
                Err(_) => {
                    out.push(Err("the history thread stopped".into()));
                    break;
                }
            }
            self.in_flight -= 1;
        }
        self.in_flight = 0;
        let _ = handle.join();
        out
    }
}

fn record(
    store: Option<&std::path::Path>,
    keep_for: Option<std::time::Duration>,
    job: &Job,
) -> Outcome {
    let Some(article) = &job.article else {
        return Err("the article has no file name to record it under".into());
    };
    record_save_keeping(
        store,
        article,
        &job.original.text(),
        &job.corrected,
        Some(&job.saved_to),
        keep_for,
    )
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_in_order_off_the_calling_thread() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "The the text.\n").expect("write");
        let doc = Arc::new(Document::load(&path).expect("load"));
        let store = dir.path().join("history.sqlite3");
        let mut r = Recorder::new(Some(store.clone()));
        assert!(!r.is_busy());
        let out = dir.path().join("a.edited.txt");
        r.record(
            Arc::clone(&doc),
            Arc::new("The text.\n".into()),
            out.clone(),
        )
        .expect("started");
        r.record(doc, Arc::new("A text.\n".into()), out)
            .expect("started");
        assert!(r.is_busy());
        let done = r.finish();
        let numbers: Vec<u32> = done
            .iter()
            .map(|o| o.as_ref().expect("recorded").info.number)
            .collect();
        assert_eq!(numbers, [1, 2]);
        assert!(!r.is_busy());
    }

    #[test]
    fn revisions_older_than_the_retention_are_erased_after_a_save() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "The the text.\n").expect("write");
        let doc = Arc::new(Document::load(&path).expect("load"));
        let store = dir.path().join("history.sqlite3");
        let out = dir.path().join("a.edited.txt");
        let mut kept_all = Recorder::new(Some(store.clone()));
        kept_all
            .record(
                Arc::clone(&doc),
                Arc::new("The text.\n".into()),
                out.clone(),
            )
            .expect("started");
        assert!(kept_all.finish()[0].is_ok());
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let mut r =
            Recorder::new(Some(store.clone())).keeping_for(Some(std::time::Duration::from_secs(1)));
        r.record(doc, Arc::new("A text.\n".into()), out)
            .expect("started");
        assert_eq!(r.finish()[0].as_ref().expect("recorded").info.number, 2);
        let left = crate::history::Store::open_existing(&store)
            .expect("store")
            .revisions(&path, None)
            .expect("revisions");
        let numbers: Vec<u32> = left.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [2], "revision 1 was over a second old");
    }

    #[test]
    fn a_moved_article_continues_its_history() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = dir.path().join("old.txt");
        std::fs::write(&old, "The the text.\n").expect("write");
        let store = dir.path().join("history.sqlite3");
        let mut r = Recorder::new(Some(store));
        let doc = Arc::new(Document::load(&old).expect("load"));
        let out = dir.path().join("out.txt");
        r.record(doc, Arc::new("The text.\n".into()), out.clone())
            .expect("started");
        let old_key = crate::history::article_key(&old);
        let new = dir.path().join("new.txt");
        std::fs::rename(&old, &new).expect("rename");
        let doc = Arc::new(Document::load(&new).expect("load"));
        r.record(doc, Arc::new("A text.\n".into()), out)
            .expect("started");
        let done = r.finish();
        let second = done[1].as_ref().expect("recorded");
        assert_eq!(second.info.number, 2);
        assert_eq!(second.moved_from, Some(old_key));
    }

    #[test]
    fn a_store_that_cannot_be_written_is_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Text.\n").expect("write");
        let doc = Arc::new(Document::load(&path).expect("load"));
        // A folder where the store file should be.
        let store = dir.path().join("store");
        std::fs::create_dir(&store).expect("dir");
        let mut r = Recorder::new(Some(store));
        r.record(doc, Arc::new("Text!\n".into()), dir.path().join("o.txt"))
            .expect("started");
        let done = r.finish();
        assert_eq!(done.len(), 1);
        let err = done[0].as_ref().expect_err("a folder is no store");
        assert!(err.contains("store"), "{err}");
    }
}
