//! Writes a generated XLIFF 1.2 benchmark file (see `benches/support/xliff.rs`) to stdout:
//! `cargo run --release --example gen_xliff -- 10000000 > /tmp/news10.xlf`.

#[path = "../benches/support/xliff.rs"]
mod xliff;

use std::io::Write;

fn main() {
    let bytes: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000_000);
    let seed: u64 = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let text = xliff::xliff(bytes, seed);
    if let Err(e) = std::io::stdout().lock().write_all(text.as_bytes()) {
        eprintln!("gen_xliff: {e}");
        std::process::exit(1);
    }
}
