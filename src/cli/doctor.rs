//! `mtpe doctor`: every place mtpe keeps data (its state and data folders, the journal,
//! the revision store, the glossary, the user's dictionary), with its size, its permissions and what it holds,
//! and the problems found there: files or folders others may read, files of another user,
//! journals of articles that are gone, databases of a newer mtpe, files left by an
//! interrupted save. Reads only: nothing is created, written or tightened.

use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::error::{Error, Outcome};
use super::output;
use crate::dictionary::Dictionary;
use crate::document::format_size;
use crate::glossary::Glossary;
use crate::glossary::location::Location;
use crate::history::{Store, StoredArticle, store_path};
use crate::places;
use crate::session::{JournalArticle, journal_inventory, journal_path};

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The journal to look at [default: $MTPE_JOURNAL, else
    /// $XDG_STATE_HOME/mtpe/journal.sqlite].
    #[arg(long, value_name = "PATH")]
    journal: Option<PathBuf>,
    /// The revision store to look at [default: $MTPE_STORE, else history.sqlite3 in the
    /// user data directory].
    #[arg(long, value_name = "PATH")]
    store: Option<PathBuf>,
    /// The glossary to look at [default: $MTPE_GLOSSARY, else the user's default glossary].
    #[arg(long, value_name = "PATH")]
    glossary: Option<PathBuf>,
    /// The user's dictionary to look at [default: $MTPE_DICTIONARY, else
    /// dictionary.sqlite in the user data directory].
    #[arg(long, value_name = "PATH")]
    dictionary: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A listing for people.
    Text,
    /// One JSON object: `places` and `problems`.
    Json,
}

/// What mtpe keeps, and what is wrong with it.
#[derive(Debug, Serialize)]
struct Report {
    places: Vec<Place>,
    problems: Vec<Problem>,
}

/// A folder or a database.
#[derive(Debug, Serialize)]
struct Place {
    /// "state folder", "data folder", "journal", "revision store", "glossary".
    what: &'static str,
    path: String,
    exists: bool,
    /// Bytes: a database with its log and index, a folder's files (not its subfolders).
    size: u64,
    /// Unix permissions, e.g. "0600".
    mode: Option<String>,
    /// Owned by the user running mtpe.
    yours: bool,
    /// A database's write-ahead log, index or rollback journal, as they are now.
    companions: Vec<FileInfo>,
    /// What it holds.
    holds: Holds,
}

impl Place {
    /// A place as it is before it is looked at: not there, holding nothing.
    fn missing(what: &'static str, path: &Path) -> Self {
        Place {
            what,
            path: path.display().to_string(),
            exists: false,
            size: 0,
            mode: None,
            yours: true,
            companions: Vec::new(),
            holds: Holds::Nothing,
        }
    }
}

#[derive(Debug, Serialize)]
struct FileInfo {
    path: String,
    size: u64,
    mode: String,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Holds {
    Nothing,
    Folder {
        files: usize,
    },
    Journal {
        articles: Vec<JournalArticle>,
    },
    Revisions {
        articles: Vec<StoredArticle>,
    },
    Glossary {
        entries: i64,
    },
    Dictionary {
        words: usize,
    },
    /// It could not be read (the reason is among the problems).
    Unreadable,
}

#[derive(Debug, Serialize)]
struct Problem {
    path: String,
    problem: String,
    /// What to do about it.
    fix: String,
}

pub fn run(args: &DoctorArgs) -> Result<Outcome, Error> {
    let report = examine(args);
    let text = match args.format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&report).map_err(std::io::Error::from)?;
            s.push('\n');
            s
        }
        Format::Text => render(&report),
    };
    output::write(None, text.as_bytes())?;
    Ok(if report.problems.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Found
    })
}

/// The uid of this process (the owner of `/proc/self`; else of the home folder).
fn my_uid() -> Option<u32> {
    std::fs::metadata("/proc/self")
        .ok()
        .or_else(|| std::fs::metadata(std::env::var_os("HOME")?).ok())
        .map(|m| m.uid())
}

fn examine(args: &DoctorArgs) -> Report {
    let uid = my_uid();
    let mut problems = Vec::new();
    let mut list = Vec::new();
    for (what, dir) in [
        ("state folder", places::state_dir()),
        ("data folder", places::data_dir()),
    ] {
        if let Some(dir) = dir {
            list.push(folder(what, &dir, uid, &mut problems));
        }
    }
    if let Ok(path) = journal_path(args.journal.as_deref()) {
        let mut place = database("journal", &path, uid, true, &mut problems);
        if place.exists {
            place.holds = match journal_inventory(&path) {
                Ok(inventory) => {
                    for a in &inventory.articles {
                        if !a.article.starts_with("memory:") && !Path::new(&a.article).exists() {
                            problems.push(Problem {
                                path: path.display().to_string(),
                                problem: format!(
                                    "holds a journal for {}, which no longer exists",
                                    a.article
                                ),
                                fix: format!("mtpe forget {}", a.article),
                            });
                        }
                    }
                    Holds::Journal {
                        articles: inventory.articles,
                    }
                }
                Err(e) => unreadable(&path, &e.to_string(), &mut problems),
            };
        }
        list.push(place);
    }
    match store_path(args.store.as_deref()) {
        Ok(path) => {
            let mut place = database("revision store", &path, uid, true, &mut problems);
            if place.exists {
                place.holds = match Store::open_to_inspect(&path) {
                    Ok(store) => match store.inventory() {
                        Ok(articles) => Holds::Revisions { articles },
                        Err(e) => unreadable(&path, &e.to_string(), &mut problems),
                    },
                    Err(e) => unreadable(&path, &e.to_string(), &mut problems),
                };
            }
            list.push(place);
        }
        Err(e) => problems.push(Problem {
            path: String::new(),
            problem: e.to_string(),
            fix: "set MTPE_STORE or pass --store".into(),
        }),
    }
    if let Ok(location) = Location::resolve(args.glossary.as_deref()) {
        let path = location.path().to_path_buf();
        let private = crate::sqlite::is_private(&path, crate::sqlite::Kind::Glossary);
        let mut place = database("glossary", &path, uid, private, &mut problems);
        if place.exists {
            place.holds = match Glossary::open_to_inspect(&path).and_then(|g| g.stats()) {
                Ok(stats) => Holds::Glossary {
                    entries: stats.entries,
                },
                Err(e) => unreadable(&path, &e.to_string(), &mut problems),
            };
        }
        list.push(place);
    }
    if let Ok(path) = crate::dictionary::location::resolve(args.dictionary.as_deref()) {
        let mut place = database("user dictionary", &path, uid, true, &mut problems);
        if place.exists {
            place.holds = match Dictionary::open_to_inspect(&path).and_then(|d| d.len()) {
                Ok(words) => Holds::Dictionary { words },
                Err(e) => unreadable(&path, &e.to_string(), &mut problems),
            };
        }
        list.push(place);
    }
    Report {
        places: list,
        problems,
    }
}

fn unreadable(path: &Path, reason: &str, problems: &mut Vec<Problem>) -> Holds {
    let reason = reason
        .strip_prefix(&format!("{}: ", path.display()))
        .unwrap_or(reason);
    problems.push(Problem {
        path: path.display().to_string(),
        problem: format!("cannot be read: {reason}"),
        fix: "see the reason; `mtpe forget --all` starts the journal and the store afresh".into(),
    });
    Holds::Unreadable
}

fn mode_of(meta: &std::fs::Metadata) -> u32 {
    meta.permissions().mode() & 0o7777
}

/// Flags a folder or file others may read, or another user's.
fn check_access(
    path: &Path,
    meta: &std::fs::Metadata,
    uid: Option<u32>,
    private: bool,
    problems: &mut Vec<Problem>,
) {
    let mode = mode_of(meta);
    let yours = uid.is_none_or(|u| u == meta.uid());
    let shown = path.display().to_string();
    if !yours {
        problems.push(Problem {
            path: shown.clone(),
            problem: format!(
                "belongs to another user (uid {}), mode {mode:04o}: mtpe cannot keep it private",
                meta.uid()
            ),
            fix: "have its owner (or an administrator) move it away or chmod it".into(),
        });
    } else if private && mode & 0o077 != 0 {
        let (wanted, what) = if meta.is_dir() {
            ("700", "folder")
        } else {
            ("600", "file")
        };
        problems.push(Problem {
            path: shown.clone(),
            problem: format!("{what} open to the group or others (mode {mode:04o})"),
            fix: format!(
                "mtpe makes it {wanted} the next time it writes there; now: chmod {wanted} {shown}"
            ),
        });
    }
}

fn folder(what: &'static str, dir: &Path, uid: Option<u32>, problems: &mut Vec<Problem>) -> Place {
    let mut place = Place::missing(what, dir);
    let Ok(meta) = std::fs::metadata(dir) else {
        return place;
    };
    place.exists = true;
    place.mode = Some(format!("{:04o}", mode_of(&meta)));
    place.yours = uid.is_none_or(|u| u == meta.uid());
    check_access(dir, &meta, uid, true, problems);
    let mut files = 0;
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let Ok(meta) = entry.metadata() else { continue };
            if !meta.is_file() {
                continue;
            }
            files += 1;
            place.size += meta.len();
            let path = entry.path();
            check_access(&path, &meta, uid, true, problems);
            if entry.file_name().to_string_lossy().ends_with(".mtpe-tmp") {
                problems.push(Problem {
                    path: path.display().to_string(),
                    problem: "left by an interrupted save; it may hold a text".into(),
                    fix: format!("rm {}", path.display()),
                });
            }
        }
    }
    place.holds = Holds::Folder { files };
    place
}

/// A database and its companions; permission problems are flagged only for those mtpe
/// keeps private (in a folder of its own: the folder's listing flags them already).
fn database(
    what: &'static str,
    path: &Path,
    uid: Option<u32>,
    private: bool,
    problems: &mut Vec<Problem>,
) -> Place {
    let mut place = Place::missing(what, path);
    let Ok(meta) = std::fs::metadata(path) else {
        return place;
    };
    let in_own_folder = places::is_own_folder(places::folder_of(path));
    place.exists = true;
    place.size = meta.len();
    place.mode = Some(format!("{:04o}", mode_of(&meta)));
    place.yours = uid.is_none_or(|u| u == meta.uid());
    if !in_own_folder {
        check_access(path, &meta, uid, private, problems);
    }
    for companion in places::companions(path) {
        if let Ok(meta) = std::fs::metadata(&companion) {
            if !in_own_folder {
                check_access(&companion, &meta, uid, private, problems);
            }
            place.size += meta.len();
            place.companions.push(FileInfo {
                path: companion.display().to_string(),
                size: meta.len(),
                mode: format!("{:04o}", mode_of(&meta)),
            });
        }
    }
    place
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The listing for people.
fn render(report: &Report) -> String {
    use std::fmt::Write as _;
    let mut out = String::from(
        "Where mtpe keeps data (it never sends anything over the network; see SECURITY.md):\n",
    );
    for place in &report.places {
        let _ = write!(out, "\n{}: {}", place.what, place.path);
        if !place.exists {
            out.push_str("\n  not there (nothing kept)\n");
            continue;
        }
        let _ = write!(
            out,
            "\n  {}, mode {}{}",
            format_size(place.size),
            place.mode.as_deref().unwrap_or("?"),
            if place.yours { "" } else { ", another user's" }
        );
        for c in &place.companions {
            let _ = write!(out, "; {} {} {}", c.path, format_size(c.size), c.mode);
        }
        out.push('\n');
        match &place.holds {
            Holds::Nothing | Holds::Unreadable => {}
            Holds::Folder { files } => {
                let _ = writeln!(out, "  {}", plural(*files, "file", "files"));
            }
            Holds::Glossary { entries } => {
                let _ = writeln!(out, "  {entries} glossary entries");
            }
            Holds::Dictionary { words } => {
                let _ = writeln!(out, "  {}", plural(*words, "word", "words"));
            }
            Holds::Journal { articles } => {
                let unsaved = articles.iter().filter(|a| a.unsaved > 0).count();
                let _ = writeln!(
                    out,
                    "  {}, {unsaved} with unsaved changes",
                    plural(articles.len(), "article", "articles")
                );
                for a in articles {
                    let mut line = format!(
                        "    {}: {}, {} unsaved, {}",
                        a.article,
                        plural(a.entries, "entry", "entries"),
                        a.unsaved,
                        plural(a.ignored, "ignored issue", "ignored issues")
                    );
                    if let Some(pid) = a.open_in {
                        let _ = write!(line, ", open in mtpe (process {pid})");
                    }
                    if !a.article.starts_with("memory:") && !Path::new(&a.article).exists() {
                        line.push_str(", file gone");
                    }
                    let _ = writeln!(out, "{line}");
                }
            }
            Holds::Revisions { articles } => {
                let total: usize = articles.iter().map(|a| a.revisions).sum();
                let _ = writeln!(
                    out,
                    "  {} of {}",
                    plural(total, "revision", "revisions"),
                    plural(articles.len(), "article", "articles")
                );
                for a in articles {
                    let _ = writeln!(
                        out,
                        "    {}: {}, {} to {}{}",
                        a.article,
                        plural(a.revisions, "revision", "revisions"),
                        a.oldest,
                        a.latest,
                        if Path::new(&a.article).exists() {
                            ""
                        } else {
                            ", file gone"
                        }
                    );
                }
            }
        }
    }
    if report.problems.is_empty() {
        out.push_str("\nNo problems found.\n");
    } else {
        let _ = writeln!(
            out,
            "\n{}:",
            plural(report.problems.len(), "problem", "problems")
        );
        for p in &report.problems {
            if p.path.is_empty() {
                let _ = writeln!(out, "  {}\n    fix: {}", p.problem, p.fix);
            } else {
                let _ = writeln!(out, "  {}: {}\n    fix: {}", p.path, p.problem, p.fix);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(format_size(0), "0 bytes");
        assert_eq!(format_size(1023), "1023 bytes");
        assert_eq!(format_size(4096), "4.0 KiB");
        assert_eq!(format_size(3 * 1024 * 1024 / 2), "1.5 MiB");
    }
}
