//! mtpe's integration tests, one binary (see `tests/util.rs` for how to add a module).

mod util;

mod apply_cli;
mod batch_cli;
mod bilingual_checks;
mod bilingual_cli;
mod bilingual_formats;
mod cli_check;
mod cli_help;
mod config_cli;
mod damaged_databases;
mod dictionary_cli;
mod diff_cli;
mod diff_ter;
mod edit_cli;
mod edit_e2e;
mod eval_english;
mod eval_mqm;
mod eval_spelling;
mod fixtures;
mod fuzz_corpus;
mod glossary_check;
mod glossary_cli;
mod glossary_concurrency;
mod glossary_formats;
mod glossary_import;
mod glossary_kill;
mod history_cli;
mod privacy;
mod sarif_schema;
mod scale_recipe;
mod terminology_fixes;
mod tui_bilingual;
mod tui_snapshots;

/// Every `tests/*.rs` file is a module of this binary: with one test target, a file left
/// out would never run.
#[test]
fn every_test_file_is_a_module() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let this = std::fs::read_to_string(dir.join("tests.rs")).expect("tests/tests.rs");
    for entry in std::fs::read_dir(&dir).expect("tests/") {
        let path = entry.expect("tests/").path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().is_some_and(|e| e == "rs") && stem != "tests" {
            assert!(
                this.contains(&format!("\nmod {stem};\n")),
                "tests/{stem}.rs is not run: add `mod {stem};` to tests/tests.rs"
            );
        }
    }
}
