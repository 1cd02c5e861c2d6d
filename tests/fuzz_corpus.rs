//! The fuzz targets (`fuzz/src/targets.rs`) replayed on the kept corpus and on every input
//! the fuzzer found failing (`fuzz/regressions/`): a fast regression run of what the long
//! fuzzing runs checked (see fuzz/README.md).

use std::path::{Path, PathBuf};

#[path = "../fuzz/src/targets.rs"]
mod targets;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The files of `dir`, sorted; none when it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .map(|e| e.expect("a corpus entry").path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

/// Runs `name` on every input of its corpus and regressions, naming the one that fails.
fn replay(name: &str) {
    let target = targets::target(name).expect("a target");
    let mut count = 0;
    let mut failed = Vec::new();
    for dir in ["corpus", "regressions"] {
        for path in files(&fuzz_dir().join(dir).join(name)) {
            let data = std::fs::read(&path).expect("a corpus file");
            if std::panic::catch_unwind(|| target(&data)).is_err() {
                failed.push(path.display().to_string());
            }
            count += 1;
        }
    }
    assert!(count > 0, "no corpus for {name}");
    assert!(
        failed.is_empty(),
        "{name} fails on (replay: see fuzz/README.md):\n{}",
        failed.join("\n")
    );
}

#[test]
fn document_corpus() {
    replay("document");
}

#[test]
fn glossary_table_corpus() {
    replay("glossary_table");
}

#[test]
fn glossary_tbx_corpus() {
    replay("glossary_tbx");
}

#[test]
fn patch_corpus() {
    replay("patch");
}

#[test]
fn unified_corpus() {
    replay("unified");
}

#[test]
fn bilingual_corpus() {
    replay("bilingual");
}

/// Each corpus folder is a target's, and each target has a test above.
#[test]
fn every_corpus_is_a_target() {
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz_dir().join(dir)) else {
            continue;
        };
        for e in entries {
            let path = e.expect("a corpus folder").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            assert!(
                targets::target(name).is_some(),
                "{}: no such target",
                path.display()
            );
        }
    }
    let this = include_str!("fuzz_corpus.rs");
    for (name, _) in targets::TARGETS {
        assert!(
            this.contains(&format!("replay(\"{name}\")")),
            "{name} is not replayed"
        );
    }
}
