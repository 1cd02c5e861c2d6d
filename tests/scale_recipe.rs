//! README's GNU parallel recipe ("Beyond one machine"), run as written over a generated
//! tree of 1,200 small files with a read-only glossary: its merged JSON Lines must equal
//! one `mtpe check` over the same tree.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::util::{self, MTPE, mtpe_in};

/// The shell block that follows `marker` in README.md.
fn readme_block(marker: &str) -> String {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let after = &readme[readme.find(marker).expect("the recipe's marker")..];
    let start = after.find("```sh\n").expect("a sh block") + "```sh\n".len();
    let end = after[start..].find("```").expect("its end");
    after[start..start + end].to_string()
}

#[test]
fn the_gnu_parallel_recipe_merges_to_one_runs_output() {
    if !util::tools(
        "the_gnu_parallel_recipe_merges_to_one_runs_output",
        &["parallel"],
    ) {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let work = home.path().join("work");
    let sentences = [
        "It is a clear and clear network ecosystem.",
        "The committee met on Monday to review the report.",
        "We will build a network power to a network power.",
        "Prices rose by 5 per cent in the third quarter.",
        "The the results were published yesterday.",
    ];
    for i in 0..1200 {
        let text: Vec<&str> = (0..(i % 4 + 1))
            .map(|k| sentences[(i + k * 3) % 5])
            .collect();
        let p = work.join(format!("corpus/{:02}/{}/doc{i}.txt", i % 13, i % 3));
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text.join(" ") + "\n").unwrap();
    }
    fs::write(
        work.join("corpus/mtpe.toml"),
        "[[rules]]\nid = \"house.per-cent\"\npattern = '\\bper cent\\b'\nmessage = \"use %\"\nsuggestion = \"%\"\n",
    )
    .unwrap();
    // The glossary, shipped read-only.
    let glossary = work.join("glossary.sqlite");
    let init = mtpe_in(home.path())
        .args(["glossary", "--glossary"])
        .arg(&glossary)
        .arg("init")
        .output()
        .unwrap();
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let mut perms = fs::metadata(&glossary).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&glossary, perms).unwrap();

    let recipe = readme_block("<!-- recipe: gnu-parallel-local -->");
    let bin = Path::new(MTPE).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut sh = Command::new("bash");
    util::hermetic(&mut sh, home.path());
    let run = sh
        .args(["-euo", "pipefail", "-c", &recipe])
        .current_dir(&work)
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{recipe}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let merged = fs::read_to_string(work.join("issues.jsonl")).expect("the recipe's output");

    let one = mtpe_in(home.path())
        .current_dir(&work)
        .args([
            "check",
            "--glossary",
            "glossary.sqlite",
            "--format",
            "jsonl",
            "corpus",
        ])
        .output()
        .unwrap();
    assert_eq!(one.status.code(), Some(1));
    let one = String::from_utf8(one.stdout).unwrap();
    assert!(one.lines().count() > 1000, "{}", one.lines().count());
    assert!(one.contains("\"check\":\"house.per-cent\""));
    assert!(
        one.contains("\"check\":\"terminology."),
        "the glossary was used"
    );
    assert!(merged == one, "the merged output differs from one run");
}

/// The glossary as the recipes ship it: a copy nobody may write (`chmod 0444`), beside
/// the batch in a folder the job can write, or in a read-only folder. Every worker reads
/// it as an immutable snapshot: found terms, no log, index or journal left beside it,
/// its bytes unchanged, and a change refused (root, whom permissions do not stop, too).
#[test]
fn a_shipped_read_only_glossary_is_read_as_a_snapshot() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let source = home.path().join("glossary.sqlite");
    mtpe_in(home.path())
        .args(["glossary", "--glossary"])
        .arg(&source)
        .arg("init")
        .assert()
        .success();
    let batch = home.path().join("batch");
    fs::create_dir(&batch).unwrap();
    for i in 0..8 {
        fs::write(
            batch.join(format!("doc{i}.txt")),
            "China strides from a network power to a network power.\n",
        )
        .unwrap();
    }
    for folder_mode in [0o755, 0o555] {
        let shipped = home.path().join(format!("shipped-{folder_mode:o}"));
        fs::create_dir(&shipped).unwrap();
        let glossary = shipped.join("glossary.sqlite");
        fs::copy(&source, &glossary).unwrap();
        fs::set_permissions(&glossary, fs::Permissions::from_mode(0o444)).unwrap();
        fs::set_permissions(&shipped, fs::Permissions::from_mode(folder_mode)).unwrap();
        let before = fs::read(&glossary).unwrap();

        let out = mtpe_in(home.path())
            .args(["check", "--jobs", "2", "--format", "jsonl", "--glossary"])
            .arg(&glossary)
            .arg(&batch)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let issues = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            issues.matches("\"check\":\"terminology.").count(),
            8,
            "{issues}"
        );
        let refused = mtpe_in(home.path())
            .args(["glossary", "add", "--target", "cyberpower", "--glossary"])
            .arg(&glossary)
            .output()
            .unwrap();
        assert_eq!(refused.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&refused.stderr).contains("read-only"),
            "{}",
            String::from_utf8_lossy(&refused.stderr)
        );

        let mut beside: Vec<String> = fs::read_dir(&shipped)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        beside.sort();
        assert_eq!(beside, ["glossary.sqlite"], "folder mode {folder_mode:o}");
        assert!(
            fs::read(&glossary).unwrap() == before,
            "the glossary changed"
        );
        fs::set_permissions(&shipped, fs::Permissions::from_mode(0o755)).unwrap();
    }
}
