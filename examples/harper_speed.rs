//! Times harper-core's curated `LintGroup` (American dialect, every curated rule, the
//! suggestions it computes) on a file, as one process would run it: building its
//! dictionary, parsing the text and linting it. The issue's speed target is reported side
//! by side with it:
//!
//! ```sh
//! cargo build --release --bin mtpe --example harper_speed
//! time target/release/mtpe check --no-glossary --format json FILE > /dev/null
//! target/release/examples/harper_speed FILE
//! ```

use std::time::Instant;

use harper_core::linting::{LintGroup, Linter};
use harper_core::spell::FstDictionary;
use harper_core::{Dialect, Document};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: harper_speed FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("harper_speed: {path}: {e}");
            std::process::exit(2);
        }
    };
    let mb = text.len() as f64 / 1e6;
    let start = Instant::now();
    let dict = FstDictionary::curated();
    let loaded = start.elapsed().as_secs_f64();
    let mut group = LintGroup::new_curated(dict.clone(), Dialect::American);
    let doc = Document::new_plain_english(&text, dict.as_ref());
    let parsed = start.elapsed().as_secs_f64();
    let lints = group.lint(&doc);
    let total = start.elapsed().as_secs_f64();
    let spelling = lints
        .iter()
        .filter(|l| format!("{:?}", l.lint_kind) == "Spelling")
        .count();
    println!(
        "harper-core curated LintGroup on {path} ({mb:.2} MB): {total:.2} s = {:.2} MB/s \
         (dictionary {loaded:.2} s, parse {:.2} s, lint {:.2} s); {} lints, {spelling} spelling",
        mb / total,
        parsed - loaded,
        total - parsed,
        lints.len()
    );
}
