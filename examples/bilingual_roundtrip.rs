//! Reads a bilingual file into units and, with `-o OUT`, writes it back with its first
//! editable unit's target edited (benchmarks the whole process against `xmllint --noout`
//! and `cp`): `bilingual_roundtrip FILE [-o OUT]`. Prints the number of units to stderr.

use std::path::Path;

use mtpe::document::units::{BilingualFile, OpenOptions, Stage, TargetEdit};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(input) = args.first() else {
        eprintln!("usage: bilingual_roundtrip FILE [-o OUT]");
        std::process::exit(2);
    };
    let file = match BilingualFile::open(Path::new(input), &OpenOptions::default()) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    eprintln!("{} units", file.units().len());
    if let Some(out) = args
        .iter()
        .position(|a| a == "-o")
        .and_then(|i| args.get(i + 1))
    {
        let edits: Vec<TargetEdit> = file
            .units()
            .iter()
            .position(|u| u.is_editable())
            .map(|unit| TargetEdit {
                unit,
                text: format!("{} (edited)", file.units()[unit].target.text),
                stage: Some(Stage::Translated),
            })
            .into_iter()
            .collect();
        let bytes = match file.save(&edits) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        };
        if let Err(e) = std::fs::write(out, bytes) {
            eprintln!("{out}: {e}");
            std::process::exit(2);
        }
    }
    // The process ends here: its memory goes back to the system whole, as xmllint's does.
    std::mem::forget(file);
}
