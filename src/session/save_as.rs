//! Saving elsewhere ("save as"): the corrected text and its diff to a path the
//! post-editor names, atomically as every save; on success that path is where later saves
//! go. Used when the usual output cannot be written (a read-only folder, a full disk).

use std::path::{Path, PathBuf};

use super::{SaveError, SaveReport, Session, diff_path};
use crate::fsutil::same_file;

impl Session {
    /// Saves to `output` (and `OUTPUT.diff`) instead of the output the session opened
    /// with; from then on, saves go there. A leading `~/` is the home folder. The article
    /// itself is refused: it is never written.
    pub fn save_as(&mut self, output: &Path) -> Result<SaveReport, SaveError> {
        let output = expand_home(output);
        let refuse = |reason: &str| SaveError {
            path: output.display().to_string(),
            reason: reason.to_string(),
            intact: "Nothing was written".to_string(),
            source: None,
        };
        if output.as_os_str().is_empty() {
            return Err(refuse("no file name given"));
        }
        if output.is_dir() {
            return Err(refuse("it is a folder; name a file in it"));
        }
        if let Some(article) = self.article_path()
            && (same_file(&output, &article) || same_file(&diff_path(&output), &article))
        {
            return Err(refuse(
                "that is the article itself, which mtpe never overwrites",
            ));
        }
        let previous = std::mem::replace(&mut self.output, output);
        let saved = self.save();
        if saved.is_err() {
            self.output = previous;
        }
        saved
    }
}

/// `path` with a leading `~/` replaced by the home folder.
fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::check::Engine;
    use crate::check::repetition::tautology::Tautology;
    use crate::document::Document;
    use crate::session::{CheckMode, Session, SessionConfig};

    #[test]
    fn saves_elsewhere_and_goes_on_saving_there() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        std::fs::write(&article, "A clear and clear sky.\n").unwrap();
        let blocked = dir.path().join("blocker");
        std::fs::write(&blocked, "").unwrap();
        let config = SessionConfig {
            journal: dir.path().join("journal.sqlite"),
            output: blocked.join("out.txt"),
            target_lang: "en".into(),
            checking: CheckMode::Inline,
            dictionary: Default::default(),
        };
        let engine = Arc::new(Engine::new(vec![Box::new(Tautology)]));
        let doc = Document::load(&article).unwrap();
        let (mut s, _) = Session::open(doc, engine, config).unwrap();
        s.set_segment_text(0, "A clear sky.").unwrap();
        assert!(s.save().is_err());
        assert!(s.is_dirty());
        // The article itself, a folder, nothing: refused, nothing written.
        for bad in [article.clone(), dir.path().to_path_buf(), "".into()] {
            let e = s.save_as(&bad).unwrap_err();
            assert!(e.to_string().contains("Nothing was written"), "{e}");
        }
        assert_eq!(s.output(), blocked.join("out.txt"));
        let elsewhere = dir.path().join("elsewhere.txt");
        let report = s.save_as(&elsewhere).unwrap();
        assert_eq!(report.output, elsewhere);
        assert_eq!(
            std::fs::read_to_string(&elsewhere).unwrap(),
            "A clear sky.\n"
        );
        let diff = std::fs::read_to_string(dir.path().join("elsewhere.txt.diff")).unwrap();
        assert!(diff.contains("+A clear sky."), "{diff}");
        assert!(!s.is_dirty());
        assert_eq!(s.output(), elsewhere);
        assert_eq!(
            std::fs::read_to_string(&article).unwrap(),
            "A clear and clear sky.\n"
        );
    }
}
