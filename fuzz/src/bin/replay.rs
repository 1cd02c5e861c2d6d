//! Runs a target on files or folders of inputs (a corpus, AFL's crashes), without AFL:
//! `replay <target> <file or folder>...`. Prints each input before running it, so that
//! the one that fails is the last named; ends with the count and the time taken.

use std::path::{Path, PathBuf};
use std::time::Instant;

fn inputs(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for e in entries {
            if e.is_file() {
                out.push(e);
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_default();
    let Some(target) = mtpe_fuzz::target(&name) else {
        let names: Vec<&str> = mtpe_fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
        eprintln!("usage: replay TARGET FILE_OR_DIR...   (TARGET: {})", names.join(", "));
        std::process::exit(2);
    };
    let mut files = Vec::new();
    for a in args {
        inputs(Path::new(&a), &mut files)?;
    }
    let start = Instant::now();
    for f in &files {
        eprintln!("{}", f.display());
        target(&std::fs::read(f)?);
    }
    eprintln!(
        "{name}: {} inputs in {:.2} s",
        files.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
