//! Checking many files: each file's configuration found first (a bad one stops the run
//! before any output), then the files checked on `--jobs` threads, taken in path order,
//! and their reports written in that order as soon as each is ready. A file that cannot
//! be read is reported in its place and the run goes on (exit 2 at the end). Each
//! glossary is opened once per worker thread, read-only beyond the first, and its matcher
//! snapshot is read once per connection, not per file.

use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, mpsc};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::config_option::ConfigOption;
use super::error::{self, Error, Outcome};
use super::glossary_option::GlossaryOption;
use super::input::{self, InputOptions};
use super::report_format::{self, Checked, FailOn, Format, Rendered, Sink};
use super::spelling_option::SpellingOption;
use super::style::Painter;
use super::walk::Input;
use crate::check::custom::RuleSpec;
use crate::check::spelling::UserWords;
use crate::check::{CheckOptions, CheckRequest, Engine, check_bilingual_with};
use crate::glossary::{Glossary, check_request};

/// What a run is asked, besides its inputs.
pub struct Settings<'a> {
    pub format: Format,
    pub painter: Painter,
    /// Files checked at a time (at least 1).
    pub jobs: usize,
    pub summary: bool,
    pub fail_on: FailOn,
    pub glossary: &'a GlossaryOption,
    /// `--dialect` and `--dictionary`.
    pub spelling: &'a SpellingOption,
    /// `--target-lang`, which wins over the configuration's.
    pub target_lang: Option<&'a str>,
    /// How to read each file (`--input-format`, `--source`).
    pub input: &'a InputOptions,
    pub config: &'a ConfigOption,
    /// `--enable`: optional checks to run besides the configuration's.
    pub enable: &'a [String],
    /// Spelling suggestions for at most this many issues a file (`None`: all).
    pub suggestions: Option<usize>,
}

/// How the files under one configuration are checked.
struct Setup {
    engine: Engine,
    /// The same checks and the source-aware ones, for bilingual files: built for the first
    /// bilingual file of the run (the options were already validated by `engine`).
    bilingual: OnceLock<Result<Engine, String>>,
    options: CheckOptions,
    target_lang: String,
    glossary: Option<Arc<GlossaryPool>>,
}

/// Connections to one glossary, one per worker at most.
struct GlossaryPool {
    free: Mutex<Vec<Glossary>>,
    returned: Condvar,
}

impl GlossaryPool {
    /// `first`, opened as the user asked, and up to `jobs - 1` more read-only
    /// connections to the same file. For `many` files each connection reads the whole
    /// matcher snapshot once, rather than each small file the shards it needs.
    fn new(first: Glossary, path: &Path, jobs: usize, many: bool) -> Result<Self, Error> {
        let mut free = vec![first];
        for _ in 1..jobs {
            match Glossary::open_read_only(path) {
                Ok(g) => free.push(g),
                Err(_) => break,
            }
        }
        if many {
            for g in &free {
                g.preload_snapshot()?;
            }
        }
        Ok(GlossaryPool {
            free: Mutex::new(free),
            returned: Condvar::new(),
        })
    }

    fn with<R>(&self, f: impl FnOnce(&mut Glossary) -> R) -> R {
        let mut glossary = {
            let mut free = lock(&self.free);
            loop {
                if let Some(g) = free.pop() {
                    break g;
                }
                free = match self.returned.wait(free) {
                    Ok(g) => g,
                    Err(poisoned) => poisoned.into_inner(),
                };
            }
        };
        let result = f(&mut glossary);
        lock(&self.free).push(glossary);
        self.returned.notify_one();
        result
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// The setups of a run and which one each input uses.
struct Plan {
    setups: Vec<Setup>,
    /// Index into `setups` by input (`usize::MAX` for an input that cannot be read).
    of_input: Vec<usize>,
    rules: Vec<RuleSpec>,
    /// The user's dictionary's words.
    user_words: UserWords,
}

fn plan(inputs: &[Input], s: &Settings<'_>) -> Result<Plan, Error> {
    let loader = s.config.loader()?;
    let mut plan = Plan {
        setups: Vec::new(),
        of_input: Vec::with_capacity(inputs.len()),
        rules: Vec::new(),
        user_words: s.spelling.user_words(error::warning)?.0,
    };
    let mut by_config: HashMap<usize, usize> = HashMap::new();
    let mut pools: HashMap<Option<PathBuf>, Option<Arc<GlossaryPool>>> = HashMap::new();
    let mut keep = Vec::new();
    for input in inputs {
        let path = match input {
            Input::Stdin => None,
            Input::File(p) => Some(p.as_path()),
            Input::Unreadable(..) => {
                plan.of_input.push(usize::MAX);
                continue;
            }
        };
        let config = loader.for_path(path)?;
        let key = Arc::as_ptr(&config) as usize;
        if let Some(&i) = by_config.get(&key) {
            plan.of_input.push(i);
            continue;
        }
        let wanted = s
            .glossary
            .glossary
            .clone()
            .or_else(|| config.glossary.clone());
        let pool = match pools.get(&wanted) {
            Some(pool) => pool.clone(),
            None => {
                let chosen = s
                    .glossary
                    .open_or(config.glossary.as_deref(), error::warning)?;
                let pool = match chosen {
                    Some(c) => {
                        let path = c.path().to_path_buf();
                        let many = inputs.len() > 1;
                        Some(Arc::new(GlossaryPool::new(
                            c.glossary, &path, s.jobs, many,
                        )?))
                    }
                    None => None,
                };
                pools.insert(wanted, pool.clone());
                pool
            }
        };
        let refused = |e| {
            let file = config.files.last().map(|f| f.display().to_string());
            Error::Input(format!("{}: {e}", file.unwrap_or_default()))
        };
        let mut options = config.check.clone();
        options.enable.extend(s.enable.iter().cloned());
        if let Some(dialect) = s.spelling.dialect {
            options.dialect = Some(dialect);
        }
        let engine = Engine::configured(&options, pool.is_some()).map_err(refused)?;
        for rule in &config.check.rules {
            if !plan.rules.iter().any(|r| r.id == rule.id) {
                plan.rules.push(rule.clone());
            }
        }
        let target_lang = s
            .target_lang
            .map(str::to_string)
            .or_else(|| config.target_lang.clone())
            .unwrap_or_else(|| "en".to_string());
        by_config.insert(key, plan.setups.len());
        plan.of_input.push(plan.setups.len());
        plan.setups.push(Setup {
            engine,
            bilingual: OnceLock::new(),
            options,
            target_lang,
            glossary: pool,
        });
        // The configuration stays alive so that its address is not reused as a key.
        keep.push(config);
    }
    Ok(plan)
}

/// Checks one input and renders its report.
fn check_one(
    input: &Input,
    setup: Option<&Setup>,
    user_words: &UserWords,
    s: &Settings<'_>,
) -> Result<Rendered, String> {
    let path = match input {
        Input::Stdin => Path::new("-"),
        Input::File(p) => p.as_path(),
        Input::Unreadable(p, why) => return Err(format!("{}: {why}", p.display())),
    };
    let Some(setup) = setup else {
        return Err(format!("{}: cannot be read", path.display()));
    };
    let read = s
        .input
        .read(path, s.target_lang)
        .map_err(|e| e.to_string())?;
    let (issues, checked) = match &read {
        input::Input::Text(doc) => {
            let lang = &setup.target_lang;
            let request = CheckRequest::new(doc, lang).user_words(Some(user_words));
            let issues = match &setup.glossary {
                Some(pool) => pool.with(|g| check_request(request, &setup.engine, Some(g))),
                None => check_request(request, &setup.engine, None),
            }
            .map_err(|e| e.to_string())?;
            let mut issues = issues;
            crate::check::spelling::fill_suggestions(doc, &mut issues, s.suggestions);
            (issues, Checked::Text(doc))
        }
        input::Input::Bilingual(file) => {
            // The user's --target-lang, else the file's own, else the configuration's.
            let lang = s
                .target_lang
                .or(file.target_language())
                .unwrap_or(&setup.target_lang)
                .to_string();
            let index = match &setup.glossary {
                Some(pool) => Some(
                    pool.with(|g| g.term_index(&lang, None))
                        .map_err(|e| e.to_string())?,
                ),
                None => None,
            };
            let engine = setup
                .bilingual
                .get_or_init(|| {
                    Engine::configured_bilingual(&setup.options, setup.glossary.is_some())
                        .map_err(|e| e.to_string())
                })
                .as_ref()
                .map_err(|e| format!("{}: {e}", file.name()))?;
            let issues =
                check_bilingual_with(engine, file, &lang, index.as_ref(), Some(user_words));
            (issues, Checked::Bilingual(file))
        }
    };
    report_format::render(s.format, checked, &issues, &s.painter, s.summary)
        .map_err(|e| format!("{}: {e}", checked.name()))
}

/// Checks `inputs` and writes their reports to standard output.
pub fn run(inputs: &[Input], s: &Settings<'_>) -> Result<Outcome, Error> {
    let plan = plan(inputs, s)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(s.jobs)
        .build()
        .map_err(|e| Error::Output(format!("cannot start the worker threads: {e}")))?;
    let bar = progress_bar(inputs.len());
    let stdout = std::io::stdout();
    let mut sink = Sink::new(
        s.format,
        std::io::BufWriter::new(stdout.lock()),
        plan.rules.clone(),
    );
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::sync_channel::<(usize, Result<Rendered, String>)>(s.jobs * 4);
    let mut failed = false;
    let mut written: std::io::Result<()> = Ok(());
    std::thread::scope(|scope| {
        let (next, stop, plan) = (&next, &stop, &plan);
        scope.spawn(move || {
            pool.scope(|workers| {
                for _ in 0..s.jobs {
                    let tx = tx.clone();
                    workers.spawn(move |_| {
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            if i >= inputs.len() || stop.load(Ordering::Relaxed) {
                                break;
                            }
                            let setup = plan.setups.get(plan.of_input[i]);
                            let result = check_one(&inputs[i], setup, &plan.user_words, s);
                            if tx.send((i, result)).is_err() {
                                break;
                            }
                        }
                    });
                }
            });
            drop(tx);
        });
        // Reports in input order, each as soon as it and those before it are done.
        let mut pending = BTreeMap::new();
        let mut want = 0;
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&want) {
                want += 1;
                bar.inc(1);
                match result {
                    Ok(rendered) if written.is_ok() => {
                        written = bar.suspend(|| sink.file(rendered));
                        if written.is_err() {
                            stop.store(true, Ordering::Relaxed);
                        }
                    }
                    Ok(_) => {}
                    Err(message) => {
                        bar.suspend(|| error::message(message));
                        failed = true;
                    }
                }
            }
        }
    });
    bar.finish_and_clear();
    let fails = sink.fails(s.fail_on);
    written
        .and_then(|()| sink.finish(s.summary))
        .map_err(|e| match Error::from(e) {
            Error::Output(m) => Error::Output(format!("cannot write the report: {m}")),
            other => other,
        })?;
    if failed {
        Err(Error::Reported)
    } else if fails {
        Ok(Outcome::Found)
    } else {
        Ok(Outcome::Clean)
    }
}

/// A progress bar on standard error, for runs of several files on a terminal.
fn progress_bar(files: usize) -> ProgressBar {
    if files < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} files, {elapsed} (ETA {eta})")
    {
        bar.set_style(style);
    }
    bar
}

/// Writes `text` to standard output, for the listing commands.
pub fn print(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
