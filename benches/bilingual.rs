//! Bilingual files: reading a generated 10 MB XLIFF 1.2 (some 40,000 trans-units with
//! inline codes, `benches/support/xliff.rs`) into units, and writing one edited target
//! back (to memory, and to a file as `cp` writes one, next to copying the file with
//! `std::fs::copy` as `cp` does). Run: `nice cargo bench --bench bilingual`. `benches/xliff_vs_xmllint.sh` compares whole processes with `xmllint
//! --noout` and `cp` on the same file.

#[path = "support/xliff.rs"]
mod xliff;

use divan::Bencher;
use mtpe::document::units::{BilingualFile, OpenOptions, Stage, TargetEdit};

fn main() {
    divan::main();
}

const BYTES: usize = 10_000_000;

fn open(bytes: Vec<u8>) -> BilingualFile {
    match BilingualFile::from_bytes("bench.xlf", bytes, &OpenOptions::default()) {
        Ok(f) => f,
        Err(e) => panic!("{e}"),
    }
}

/// An edit of the unit in the middle of the file.
fn edit(file: &BilingualFile) -> TargetEdit {
    let unit = file.units().len() / 2;
    TargetEdit {
        unit,
        text: format!("{} (edited)", file.units()[unit].target.text),
        stage: Some(Stage::Translated),
    }
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn read_xliff_10mb(bencher: Bencher) {
    let text = xliff::xliff(BYTES, 1).into_bytes();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .with_inputs(|| text.clone())
        .bench_values(|bytes| {
            let file = open(bytes);
            let n = file.units().len();
            // Freeing 40,000 units is not reading; an editor keeps them.
            std::mem::forget(file);
            n
        });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn save_one_edit_to_memory(bencher: Bencher) {
    let file = open(xliff::xliff(BYTES, 1).into_bytes());
    let edits = [edit(&file)];
    bencher
        .counter(divan::counter::BytesCount::new(file.text().len()))
        .bench(|| file.save(&edits).map(|b| b.len()));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn save_one_edit_to_file(bencher: Bencher) {
    let file = open(xliff::xliff(BYTES, 1).into_bytes());
    let edits = [edit(&file)];
    let dir = std::env::temp_dir().join(format!("mtpe-bench-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("{}: {e}", dir.display());
    }
    let out = dir.join("saved.xlf");
    bencher
        .counter(divan::counter::BytesCount::new(file.text().len()))
        .bench(|| match file.save(&edits) {
            Ok(bytes) => std::fs::write(&out, bytes).is_ok(),
            Err(_) => false,
        });
    let _ = std::fs::remove_dir_all(&dir);
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn copy_file_as_cp_does(bencher: Bencher) {
    let dir = std::env::temp_dir().join(format!("mtpe-bench-cp-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("{}: {e}", dir.display());
    }
    let (from, to) = (dir.join("news.xlf"), dir.join("copy.xlf"));
    if let Err(e) = std::fs::write(&from, xliff::xliff(BYTES, 1)) {
        panic!("{}: {e}", from.display());
    }
    bencher
        .counter(divan::counter::BytesCount::new(BYTES))
        .bench(|| std::fs::copy(&from, &to).is_ok());
    let _ = std::fs::remove_dir_all(&dir);
}
