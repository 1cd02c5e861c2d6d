//! Rebuilds `src/check/spelling/dictionary.bin`, the spelling dictionary built into mtpe,
//! from harper-core's curated dictionary: run it after upgrading harper-core (a test fails
//! until it is run), then rebuild mtpe.
//!
//! ```sh
//! cargo run --release --example build_dictionary
//! ```

use std::path::Path;

fn main() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/check/spelling/dictionary.bin");
    let started = std::time::Instant::now();
    let bytes = mtpe::check::spelling::build_from_harper();
    if let Err(e) = std::fs::write(&path, &bytes) {
        eprintln!("build_dictionary: {}: {e}", path.display());
        std::process::exit(1);
    }
    println!(
        "{}: {} bytes from harper-core's curated dictionary ({:.1} s)",
        path.display(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
}
