//! Writes a generated benchmark article (see `benches/support/article.rs`) to stdout:
//! `cargo run --release --example gen_article -- 10000000 > /tmp/a10.txt`.

#[path = "../benches/support/article.rs"]
mod article;

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
    let text = article::article(bytes, seed);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Err(e) = out.write_all(text.as_bytes()) {
        eprintln!("gen_article: {e}");
        std::process::exit(1);
    }
}
