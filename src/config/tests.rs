use std::fs;

use super::*;
use crate::check::Severity;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&p, text).unwrap();
    p
}

const PROJECT: &str = r#"
target-lang = "en-GB"
glossary = "terms.sqlite"
ignore = ["punctuation.capital-after-semicolon"]
allow = ["New York New York"]

[checks."repetition.duplicate-line"]
window = 8
severity = "info"

[checks.debris]
severity = "error"

[[rules]]
id = "house.per-cent"
pattern = '\bper cent\b'
message = "house style: use %"
suggestion = "%"
"#;

#[test]
fn the_nearest_project_file_is_laid_over_the_users() {
    let dir = tempfile::tempdir().unwrap();
    let user = write(
        dir.path(),
        "user/config.toml",
        "target-lang = \"fr\"\nselect = [\"repetition\"]\n[[rules]]\nid = \"me.ok\"\nwords = [\"okay\"]\nmessage = \"write OK\"\n",
    );
    let project = write(dir.path(), "proj/mtpe.toml", PROJECT);
    let article = write(dir.path(), "proj/deep/er/a.txt", "text");
    let loader = Loader::with_user_file(Discovery::Auto, Some(user.clone()));
    let c = loader.for_path(Some(&article)).unwrap();
    assert_eq!(c.target_lang.as_deref(), Some("en-GB"));
    assert_eq!(c.glossary, Some(dir.path().join("proj/terms.sqlite")));
    assert_eq!(c.check.select, ["repetition"]);
    assert_eq!(c.check.ignore, ["punctuation.capital-after-semicolon"]);
    assert_eq!(c.check.tunable("repetition.duplicate-line", "window"), 8);
    assert_eq!(c.check.severity.get("debris"), Some(&Severity::Error));
    let ids: Vec<&str> = c.check.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["me.ok", "house.per-cent"]);
    assert!(c.check.rules[0].whole_word && !c.check.rules[1].whole_word);
    assert_eq!(c.files, [user.clone(), project.clone()]);
    assert_eq!(
        c.origin("target-lang"),
        Origin::File {
            path: project.clone(),
            line: 2
        }
    );
    assert_eq!(
        c.origin("select").to_string(),
        format!("{}:2", user.display())
    );
    assert_eq!(c.origin("allow.missing"), Origin::Default);
    // Outside the project only the user's file applies; --no-config reads nothing.
    let elsewhere = write(dir.path(), "other/b.txt", "text");
    let c = loader.for_path(Some(&elsewhere)).unwrap();
    assert_eq!(c.target_lang.as_deref(), Some("fr"));
    let none = Loader::with_user_file(Discovery::None, Some(user));
    assert!(none.for_path(Some(&article)).unwrap().files.is_empty());
    let explicit = Loader::with_user_file(Discovery::Explicit(project.clone()), None);
    assert_eq!(
        explicit.for_path(Some(&elsewhere)).unwrap().files,
        [project]
    );
}

#[test]
fn rules_files_are_read_relative_to_the_config() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "team/rules.toml",
        "[[rules]]\nid = \"team.netizens\"\nwords = [\"netizens\"]\nmessage = \"say internet users\"\nsuggestion = \"internet users\"\n",
    );
    let config = write(
        dir.path(),
        "mtpe.toml",
        "rules-files = [\"team/rules.toml\"]\n",
    );
    let c = Loader::with_user_file(Discovery::Explicit(config), None)
        .for_path(None)
        .unwrap();
    assert_eq!(c.check.rules[0].id, "team.netizens");
    assert_eq!(c.files.len(), 2);
}

fn error(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let config = write(dir.path(), "mtpe.toml", text);
    let e = Loader::with_user_file(Discovery::Explicit(config.clone()), None)
        .for_path(None)
        .expect_err("refused");
    let shown = e.to_string();
    shown
        .strip_prefix(&format!("{}:", config.display()))
        .expect("names the file")
        .to_string()
}

#[test]
fn bad_files_are_refused_with_line_and_column() {
    assert!(
        error("select = [\"repetition\"]\nbogus = 1\n").starts_with("2:1: unknown field `bogus`")
    );
    assert!(error("select = [1]\n").starts_with("1:"));
    let e = error("ignore = [\"repetition\", \"nonsense\"]\n");
    assert!(
        e.starts_with("1:25: unknown check or category `nonsense`"),
        "{e}"
    );
    let e = error("[checks.\"repetition.duplicate-line\"]\nwindow = 0\n");
    assert!(e.starts_with("2:10: window is a whole number"), "{e}");
    let e = error("[checks.\"fragment.cut-off\"]\nwindows = 3\n");
    assert!(
        e.contains("unknown option `windows`") && e.contains("max-heading-words"),
        "{e}"
    );
    let e = error("[checks.debris]\nseverity = \"fatal\"\n");
    assert!(e.starts_with("2:12: unknown severity `fatal`"), "{e}");
    let e = error("[[rules]]\nid = \"house.x\"\npattern = \"(oops\"\nmessage = \"m\"\n");
    assert!(
        e.starts_with("3:11: rule `house.x`: invalid pattern"),
        "{e}"
    );
    let e = error("[[rules]]\nid = \"x\"\npattern = \"a\"\nmessage = \"m\"\n");
    assert!(
        e.starts_with("2:6: rule `x`: the id must be namespaced"),
        "{e}"
    );
    let e = error("target-lang = \"en\"\ntarget-lang = \"fr\"\n");
    assert!(e.starts_with("2:"), "{e}");
    let e = error("\ndialect = \"indian\"\n");
    assert!(
        e.starts_with("2:11: unknown dialect \"indian\" (choose from american"),
        "{e}"
    );
}

#[test]
fn the_dialect_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let config = write(dir.path(), "mtpe.toml", "dialect = \"British\"\n");
    let c = Loader::with_user_file(Discovery::Explicit(config), None)
        .for_path(None)
        .unwrap();
    assert_eq!(
        c.check.dialect,
        Some(crate::check::spelling::Dialect::British)
    );
    assert!(matches!(c.origin("dialect"), Origin::File { line: 1, .. }));
}
