//! Damaged databases through the command line: a glossary, an edit journal and a
//! revision store that are cut short, have flipped bytes, are another SQLite database
//! (another program's, or another of mtpe's), or were written by a newer mtpe. Each
//! gives a message naming the file and saying what to do, exit code 2, no panic, and the
//! file left byte for byte as it was. Also `mtpe glossary check [--repair]`.

use std::path::{Path, PathBuf};

use crate::util::mtpe;

/// The three stores, made by mtpe itself in `dir`.
struct Stores {
    glossary: PathBuf,
    journal: PathBuf,
    store: PathBuf,
    article: PathBuf,
}

fn make_stores(dir: &Path) -> Stores {
    let article = dir.join("article.txt");
    std::fs::write(
        &article,
        "A clear and clear network ecosystem.\nSecond line.\n",
    )
    .expect("test setup");
    let corrected = dir.join("article.edited.txt");
    std::fs::write(&corrected, "A clear network ecosystem.\nSecond line.\n").expect("test setup");
    let glossary = dir.join("glossary.sqlite");
    mtpe()
        .args(["glossary", "init"])
        .arg(&glossary)
        .assert()
        .success();
    // Without a terminal, `mtpe edit` opens the journal (creating it) and then stops.
    let journal = dir.join("journal.sqlite");
    mtpe()
        .arg("edit")
        .arg(&article)
        .args(["--no-glossary", "--journal"])
        .arg(&journal)
        .assert()
        .code(2);
    assert!(journal.exists());
    let store = dir.join("history.sqlite3");
    mtpe()
        .arg("history")
        .arg(&article)
        .arg("--record")
        .arg(&corrected)
        .arg("--store")
        .arg(&store)
        .assert()
        .success();
    Stores {
        glossary,
        journal,
        store,
        article,
    }
}

/// How each store is used from the command line, with `db` in its place.
fn uses(which: &str, db: &Path, s: &Stores) -> Vec<Vec<std::ffi::OsString>> {
    let os = |v: &[&dyn AsRef<std::ffi::OsStr>]| {
        v.iter()
            .map(|a| a.as_ref().to_os_string())
            .collect::<Vec<_>>()
    };
    match which {
        "glossary" => vec![
            os(&[&"glossary", &"list", &"--glossary", &db]),
            os(&[&"glossary", &"add", &"--target", &"x", &"--glossary", &db]),
            os(&[&"check", &"--glossary", &db, &s.article]),
            os(&[&"edit", &"--glossary", &db, &s.article]),
        ],
        "journal" => vec![os(&[
            &"edit",
            &"--no-glossary",
            &"--journal",
            &db,
            &s.article,
        ])],
        _ => vec![
            os(&[&"history", &s.article, &"--store", &db]),
            os(&[&"show", &s.article, &"--store", &db]),
            os(&[&"edit", &"--no-glossary", &"--store", &db, &s.article]),
        ],
    }
}

/// Runs every use of `which` with `db`: exit 2, the file named, `says` said, no panic,
/// the file unchanged.
fn refused(which: &str, db: &Path, s: &Stores, says: &[&str]) {
    let before = std::fs::read(db).expect("test setup");
    for args in uses(which, db, s) {
        let out = mtpe().args(&args).output().expect("mtpe runs");
        let err = String::from_utf8_lossy(&out.stderr);
        let shown = format!("{which} {args:?}: {err}");
        assert_eq!(out.status.code(), Some(2), "{shown}");
        assert!(!err.contains("panicked"), "{shown}");
        assert!(err.contains(&db.display().to_string()), "{shown}");
        for s in says {
            assert!(err.contains(s), "{shown}\nmissing: {s}");
        }
        assert!(
            std::fs::read(db).expect("test setup") == before,
            "{shown}: the file was written"
        );
    }
}

/// What each store's message says to do.
fn advice(which: &str) -> &'static str {
    match which {
        "glossary" => "restore it from a backup",
        "journal" => "move it aside and mtpe starts a new journal",
        _ => "move it aside and mtpe starts a new store",
    }
}

fn path_of<'a>(which: &str, s: &'a Stores) -> &'a Path {
    match which {
        "glossary" => &s.glossary,
        "journal" => &s.journal,
        _ => &s.store,
    }
}

const STORES: [&str; 3] = ["glossary", "journal", "store"];

#[test]
fn a_database_cut_short() {
    let dir = tempfile::tempdir().unwrap();
    let s = make_stores(dir.path());
    for which in STORES {
        let bytes = std::fs::read(path_of(which, &s)).unwrap();
        for (name, len) in [("half", bytes.len() / 2), ("header", 60)] {
            let db = dir.path().join(format!("{which}-{name}.sqlite"));
            std::fs::write(&db, &bytes[..len]).unwrap();
            refused(which, &db, &s, &["is damaged (cut short", advice(which)]);
        }
    }
}

#[test]
fn a_database_with_flipped_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let s = make_stores(dir.path());
    for which in STORES {
        let mut bytes = std::fs::read(path_of(which, &s)).unwrap();
        let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
        assert!(bytes.len() >= 2 * page, "{which}: {} bytes", bytes.len());
        // The b-tree header of every page but the first.
        for start in (page..bytes.len()).step_by(page) {
            for b in &mut bytes[start..start + 12] {
                *b ^= 0xa5;
            }
        }
        let db = dir.path().join(format!("{which}-flipped.sqlite"));
        std::fs::write(&db, &bytes).unwrap();
        refused(which, &db, &s, &["damaged", "malformed"]);
        // Flipped bytes in the file's signature: not a database at all.
        bytes[..6].copy_from_slice(b"SQLITE");
        let db = dir.path().join(format!("{which}-signature.sqlite"));
        std::fs::write(&db, &bytes).unwrap();
        refused(which, &db, &s, &["not", "database"]);
    }
}

#[test]
fn another_sqlite_database() {
    let dir = tempfile::tempdir().unwrap();
    let s = make_stores(dir.path());
    // Another program's database, with a user_version of its own.
    let other = dir.path().join("places.sqlite");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch(
        "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);
         INSERT INTO moz_places (url) VALUES ('https://example.org/');
         PRAGMA user_version = 2;",
    )
    .unwrap();
    drop(conn);
    for which in STORES {
        refused(
            which,
            &other,
            &s,
            &["another program", "mtpe has not written to it"],
        );
    }
    // Another of mtpe's databases in the place of each.
    for (which, other, is) in [
        ("glossary", &s.journal, "edit journal"),
        ("glossary", &s.store, "revision store"),
        ("journal", &s.glossary, "glossary"),
        ("journal", &s.store, "revision store"),
        ("store", &s.glossary, "glossary"),
        ("store", &s.journal, "edit journal"),
    ] {
        let copy = dir
            .path()
            .join(format!("{which}-is-{}.sqlite", is.replace(' ', "-")));
        std::fs::copy(other, &copy).unwrap();
        refused(which, &copy, &s, &[&format!("this is mtpe's {is}, not")]);
    }
}

#[test]
fn a_database_written_by_a_newer_mtpe() {
    let dir = tempfile::tempdir().unwrap();
    let s = make_stores(dir.path());
    for which in STORES {
        let db = dir.path().join(format!("{which}-newer.sqlite"));
        std::fs::copy(path_of(which, &s), &db).unwrap();
        rusqlite::Connection::open(&db)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        refused(which, &db, &s, &["newer", "update mtpe"]);
    }
}

#[test]
fn glossary_check_finds_and_repairs_a_damaged_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let s = make_stores(dir.path());
    let check = |extra: &[&str]| {
        mtpe()
            .args(["glossary", "check"])
            .args(extra)
            .arg("--glossary")
            .arg(&s.glossary)
            .output()
            .unwrap()
    };
    let out = check(&[]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("file       sound"), "{text}");
    assert!(text.contains("derived    sound"), "{text}");
    let export = || {
        mtpe()
            .args(["glossary", "export", "--glossary"])
            .arg(&s.glossary)
            .output()
            .unwrap()
            .stdout
    };
    let entries = export();
    // A shard of the matcher snapshot overwritten: found, exit 1; repaired, exit 0.
    rusqlite::Connection::open(&s.glossary)
        .unwrap()
        .execute_batch(
            "UPDATE snapshot SET data = x'0102030405'
               WHERE shard = (SELECT max(shard) FROM snapshot);",
        )
        .unwrap();
    let out = check(&[]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("1 of 4096 shards do not hold"), "{text}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`mtpe glossary check --repair"), "{err}");
    let out = check(&["--repair"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("repaired"));
    assert_eq!(check(&[]).status.code(), Some(0));
    assert_eq!(export(), entries, "the entries are untouched");
    // A file damaged inside: exit 2, restore from a backup.
    let mut bytes = std::fs::read(&s.glossary).unwrap();
    let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    for b in &mut bytes[2 * page..2 * page + 12] {
        *b ^= 0xff;
    }
    std::fs::write(&s.glossary, &bytes).unwrap();
    let out = check(&["--repair"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is damaged"), "{err}");
    assert!(err.contains("restore it from a backup"), "{err}");
    assert_eq!(std::fs::read(&s.glossary).unwrap(), bytes);
}
