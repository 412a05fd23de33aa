//! The command line: `saualnama [FILE]` opens the form; the subcommands serve scripts.

pub mod help;

use crate::i18n::Lang;
use crate::load_error::LoadError;
use crate::output::{emit, say};
use crate::questionnaire::{DefinitionProblem, Questionnaire, Registry, Severity, check};
use crate::session::{is_answered, orphans, slots};
use crate::store::read_session;
use crate::summary::{Summary, summarize};
use crate::ui_text::Ui;
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "saualnama",
    version,
    about = "Fill the working form of the internal analysis of corruption risks, keyboard only",
    long_about = "Fill the working form of the internal analysis of corruption risks (сыбайлас жемқорлық \
                  тәуекелдеріне ішкі талдау / внутренний анализ коррупционных рисков) in a terminal.\n\n\
                  Without a subcommand, opens FILE (default report.json) in the form editor; a missing FILE \
                  starts a new report on the bundled form.",
    subcommand_precedence_over_arg = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The report (session file) to open; created when missing
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The questionnaire of a new report: a bundled id or a definition file
    #[arg(short = 'q', long = "questionnaire", value_name = "ID|PATH")]
    pub questionnaire: Option<String>,
    /// Interface and form language (default: the report's, else from the locale, else kk); before or
    /// after the subcommand
    #[arg(short, long, global = true, value_name = "kk|ru|en", value_parser = lang_parser())]
    pub lang: Option<Lang>,
    /// Open without taking the file: look, do not change
    #[arg(long)]
    pub read_only: bool,
    /// Plain lines, one question at a time, for a screen reader, a dumb terminal or a script
    /// (answers from a pipe); also when TERM is dumb or unset
    #[arg(long)]
    pub plain: bool,
    /// More questionnaire definitions (*.json) to offer besides the bundled ones
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        env = "SAUALNAMA_QUESTIONNAIRES",
        value_delimiter = ':'
    )]
    pub questionnaires: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List the available questionnaires: id, version, title
    List,
    /// Print a questionnaire's structure: sections, indicators, numbered questions, types, texts
    Outline {
        /// Bundled id or definition file (default: the bundled corruption-risk form)
        #[arg(value_name = "ID|PATH")]
        form: Option<String>,
        #[arg(long, default_value = "text")]
        format: Format,
    },
    /// Validate a questionnaire definition; exit 0 when sound, 1 otherwise
    Check {
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// Totals, shares, problems and progress of a report
    Summary {
        file: PathBuf,
        #[arg(long, default_value = "text")]
        format: Format,
    },
    /// Exit 0 when a report is complete and free of errors, 1 with what is missing or wrong, 2 when it
    /// cannot be read
    Validate { file: PathBuf },
    /// The corruption-risk findings the answers show: where, on what evidence, what to do
    Findings {
        file: PathBuf,
        #[arg(long, default_value = "text")]
        format: Format,
    },
    /// Start the next period's report from the last one: the organisation, its items and the answers
    /// that carry over (marked to check); the period, the counts and the rest empty
    New {
        /// The new report (refused if it exists)
        file: PathBuf,
        /// The last period's report
        #[arg(long, value_name = "LAST")]
        from: PathBuf,
        /// The new period's first month, YYYY-MM (else the editor asks)
        #[arg(long, value_name = "YYYY-MM")]
        period_from: Option<String>,
        /// The new period's last month, YYYY-MM
        #[arg(long, value_name = "YYYY-MM")]
        period_to: Option<String>,
    },
    /// Who entered what: the report's history of changes, oldest first
    History {
        file: PathBuf,
        /// Only this question, item or annex: «4.10», «1.2», «1.2.Q3», «4»
        #[arg(value_name = "NUMBER")]
        number: Option<String>,
        #[arg(long, default_value = "text")]
        format: Format,
    },
    /// Write the filled form as Word, Excel, HTML, Markdown, CSV or JSON; or, with --blank, the empty form
    Export {
        /// The report (not with --blank)
        #[arg(required_unless_present = "blank")]
        file: Option<PathBuf>,
        /// The empty form to print and fill by hand: the bundled one, or ID|PATH
        #[arg(long, value_name = "ID", num_args = 0..=1, default_missing_value = "", conflicts_with = "file")]
        blank: Option<String>,
        #[arg(long)]
        format: ExportFormat,
        /// The filled form, or a draft of the analytical report on its findings (docx, html, md)
        #[arg(long, default_value = "form")]
        document: Document,
        /// Where to write (default: FILE with the format's extension; `-` for stdout, text formats)
        #[arg(short, long, value_name = "OUT")]
        out: Option<PathBuf>,
        /// Under each annex, name who entered its answers (from the report's history)
        #[arg(long, conflicts_with = "blank")]
        entered_by: bool,
        #[command(flatten)]
        csv: CsvArgs,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff), for `man -l -`
    Man,
    /// Add up the figures of many reports of the same form: one row per organisation and a total
    Aggregate {
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        #[arg(long, default_value = "text")]
        format: TableFormat,
        /// Where to write (default: stdout; xlsx needs a file)
        #[arg(short, long, value_name = "OUT")]
        out: Option<PathBuf>,
        #[command(flatten)]
        csv: CsvArgs,
        /// Text: the whole table, one line per organisation, however wide
        #[arg(long)]
        wide: bool,
        /// Stop at the first report that cannot be read, rather than leave it out
        #[arg(long)]
        strict: bool,
        /// One organisation's periods side by side (a row per period) instead of organisations
        #[arg(
            long,
            value_name = "organisation|period",
            default_value = "organisation"
        )]
        by: By,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum By {
    Organisation,
    Period,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    Docx,
    Xlsx,
    Html,
    Md,
    Csv,
    Json,
}

impl ExportFormat {
    fn extension(self) -> &'static str {
        match self {
            ExportFormat::Docx => "docx",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Html => "html",
            ExportFormat::Md => "md",
            ExportFormat::Csv => "csv",
            // Never the report's own name: report.json → report.export.json.
            ExportFormat::Json => "export.json",
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Document {
    Form,
    AnalyticalReport,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum TableFormat {
    Text,
    Json,
    Csv,
    Xlsx,
}

/// What a CSV is asked to be, for `export` and `aggregate` alike.
#[derive(clap::Args, Debug)]
pub struct CsvArgs {
    /// CSV: the column separator (default `;` in Kazakh and Russian, `,` in English)
    #[arg(long, value_parser = parse_delimiter, value_name = "CHAR")]
    delimiter: Option<u8>,
    /// CSV: machine headers and ids instead of the interface language's
    #[arg(long)]
    ids: bool,
}

impl CsvArgs {
    /// The CSV's style; a byte-order mark only in a file (a pipe's reader does not want one).
    fn style(&self, lang: Lang, to_file: bool) -> crate::export::CsvStyle {
        crate::export::CsvStyle::new(lang, self.delimiter, to_file, self.ids)
    }
}

/// `-l kk|ru|en`: the three languages, offered as such in `--help` and in completions.
fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Lang::ALL.map(|l| l.code()))
        .map(|s| Lang::parse(&s).unwrap_or_default())
}

/// A CSV column separator: one ASCII character, or `tab`.
fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        s if s.len() == 1
            && s.is_ascii()
            && !s.as_bytes()[0].is_ascii_alphanumeric()
            && s != "\"" =>
        {
            Ok(s.as_bytes()[0])
        }
        _ => Err("one of ; , | tab".to_owned()),
    }
}

/// `sumary` is a mistyped command, not a new report: an argument that is no file and has no `.json`
/// ending is answered with the commands it may have meant, exit code 2.
fn not_a_report(file: &std::path::Path, lang: Lang) -> Option<String> {
    let name = file.to_str()?;
    let looks_like_command = !file.exists()
        && file.extension().is_none()
        && file.components().count() == 1
        && !name.is_empty();
    if !looks_like_command {
        return None;
    }
    use clap::CommandFactory;
    let cmd = Cli::command();
    let close: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .filter(|c| edit_distance(c, name) <= 2 || c.starts_with(name))
        .collect();
    // All in the user's language, as `help::error_text` says clap's own mistakes (clap's error
    // would wrap it in English: «error:», «Usage:», «For more information»).
    Some(help::not_a_command(
        name,
        &close,
        Some(Ui::NewReportTip.get(lang)),
        lang,
    ))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

/// Whether two paths name one file (through links too).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

thread_local! {
    /// What a command prints, gathered so that `emit` writes it once (see `outln!`).
    static OUT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// `println!` for commands: into the output that `run` emits at the end.
macro_rules! outln {
    () => { OUT.with(|o| o.borrow_mut().push('\n')) };
    ($($t:tt)*) => { OUT.with(|o| { let mut o = o.borrow_mut(); o.push_str(&format!($($t)*)); o.push('\n'); }) };
}

/// `print!` for commands.
macro_rules! out {
    ($($t:tt)*) => { OUT.with(|o| o.borrow_mut().push_str(&format!($($t)*))) };
}

fn fail(e: &LoadError, code: u8, lang: Lang) -> ExitCode {
    say(format_args!("saualnama: {}", e.render(lang)));
    ExitCode::from(code)
}

/// The language a command's messages are in before any report is read: -l, else the locale.
fn message_lang(cli: &Cli) -> Lang {
    cli.lang.or_else(Lang::from_env).unwrap_or_default()
}

/// The command line as it is nearly always given — a report's name ending in `.json`, perhaps with
/// `-l LANG`, `--read-only`, `--plain` — read without building the whole command: clap builds every
/// command's arguments and their help before it reads a word, a twentieth of the time to the first
/// frame (docs/performance.md, fourteenth pass). Anything else is `None`, for clap to read; where
/// this reads a line, it reads it as clap does (the test `the_common_line_is_read_as_clap_reads_it`).
pub fn common_command_line(args: &[std::ffi::OsString]) -> Option<Cli> {
    if std::env::var_os("SAUALNAMA_QUESTIONNAIRES").is_some() {
        return None;
    }
    let (mut file, mut lang, mut read_only, mut plain) = (None, None, false, false);
    let mut words = args.iter().skip(1).map(|a| a.to_str());
    while let Some(word) = words.next() {
        match word? {
            "-l" | "--lang" if lang.is_none() => {
                lang = Some(match words.next()?? {
                    code @ ("kk" | "ru" | "en") => Lang::parse(code)?,
                    _ => return None,
                })
            }
            "--read-only" if !read_only => read_only = true,
            "--plain" if !plain => plain = true,
            name if file.is_none() && !name.starts_with('-') && name.ends_with(".json") => {
                file = Some(PathBuf::from(name))
            }
            _ => return None,
        }
    }
    Some(Cli {
        command: None,
        file: Some(file?),
        questionnaire: None,
        lang,
        read_only,
        plain,
        questionnaires: Vec::new(),
    })
}

/// The command line with a report named before the command that reads it («saualnama r.json
/// findings», as the usage line `[FILE] [COMMAND]` reads) put after the command, where the command
/// takes it. Anything else is left as it is.
pub fn file_after_command(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    // The options before a command that take the next word as their value.
    const VALUED: [&str; 5] = ["-l", "--lang", "-q", "--questionnaire", "--questionnaires"];
    let mut positional = Vec::new();
    let mut i = 1;
    while i < args.len() && positional.len() < 2 {
        let a = args[i].to_string_lossy();
        if a == "--" {
            break;
        }
        if VALUED.contains(&a.as_ref()) {
            i += 2;
            continue;
        }
        if !a.starts_with('-') || a == "-" {
            positional.push(i);
        }
        i += 1;
    }
    let [file, command] = positional[..] else {
        return args;
    };
    // Built only here, with two words given: the command takes long to build. The commands, and
    // whether each takes a report (its `file` or `files`), are read from it.
    use clap::CommandFactory;
    let cli = Cli::command();
    let named = |i: usize| {
        let word = args[i].to_string_lossy();
        cli.get_subcommands().find(|c| c.get_name() == word)
    };
    let takes_a_file = |c: &clap::Command| {
        c.get_positionals()
            .any(|a| matches!(a.get_id().as_str(), "file" | "files"))
    };
    if named(file).is_some() || !named(command).is_some_and(takes_a_file) {
        return args;
    }
    let mut args = args;
    let f = args.remove(file);
    args.insert(command, f);
    args
}

pub fn run(cli: Cli) -> ExitCode {
    let code = run_command(cli);
    let text = OUT.with(|o| std::mem::take(&mut *o.borrow_mut()));
    if text.is_empty() {
        return code;
    }
    match emit(text.as_bytes()) {
        ExitCode::SUCCESS => code,
        failed => failed,
    }
}

fn run_command(cli: Cli) -> ExitCode {
    let hint = message_lang(&cli);
    let registry = match crate::store::registry_with_dirs_warning(&cli.questionnaires, |e| {
        say(format_args!(
            "saualnama: {} ({})",
            e.render(hint),
            Ui::SkippedForm.get(hint)
        ))
    }) {
        Ok(r) => r,
        Err(e) => return fail(&e, 2, hint),
    };
    match cli.command {
        None => {
            if let Some(said) = cli.file.as_deref().and_then(|f| not_a_report(f, hint)) {
                say(format_args!("{said}"));
                return ExitCode::from(2);
            }
            crate::tui::run(
                crate::tui::Options {
                    file: cli.file,
                    questionnaire: cli.questionnaire,
                    lang: cli.lang,
                    read_only: cli.read_only,
                    plain: cli.plain,
                },
                registry,
            )
        }
        Some(Command::Completions { shell }) => {
            use clap::CommandFactory;
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "saualnama", &mut buf);
            out!("{}", String::from_utf8_lossy(&buf));
            ExitCode::SUCCESS
        }
        Some(Command::Man) => {
            use clap::CommandFactory;
            let mut buf = Vec::new();
            if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut buf) {
                say(format_args!("saualnama: {e}"));
                return ExitCode::from(1);
            }
            out!("{}", String::from_utf8_lossy(&buf));
            ExitCode::SUCCESS
        }
        Some(Command::List) => {
            let lang = cli.lang.or_else(Lang::from_env).unwrap_or_default();
            for q in &registry.forms {
                outln!("{}\t{}\t{}", q.id, q.version, q.title.get(lang));
            }
            ExitCode::SUCCESS
        }
        Some(Command::Outline { form, format }) => {
            let q = match form {
                Some(f) => match crate::store::resolve_form(&registry, &f) {
                    Ok(q) => q,
                    Err(e) => return fail(&e, 2, hint),
                },
                None => registry.default_form().clone(),
            };
            match format {
                Format::Json => outln!(
                    "{}",
                    serde_json::to_string_pretty(&outline_json(&q)).unwrap_or_default()
                ),
                Format::Text => out!(
                    "{}",
                    outline_text(&q, cli.lang.or_else(Lang::from_env).unwrap_or_default())
                ),
            }
            ExitCode::SUCCESS
        }
        Some(Command::Check { path }) => check_command(&path),
        Some(Command::Summary { file, format }) => {
            let (s, q) = match read_session(&file, &registry) {
                Ok(x) => x,
                Err(e) => return fail(&e, 2, hint),
            };
            let lang = cli
                .lang
                .or(s.language)
                .or_else(Lang::from_env)
                .unwrap_or_default();
            let sum = summarize(&q, &s, lang);
            let orphan_paths: Vec<String> = orphans(&q, &s).iter().map(|p| p.to_string()).collect();
            match format {
                Format::Json => {
                    let mut v = serde_json::to_value(&sum).unwrap_or_default();
                    v["orphans"] = json!(orphan_paths);
                    if let Some(p) = &s.previous {
                        v["previous"] = json!(p);
                    }
                    outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
                }
                Format::Text => out!(
                    "{}",
                    summary_text(&q, &sum, &orphan_paths, s.previous.as_ref(), lang)
                ),
            }
            ExitCode::SUCCESS
        }
        Some(Command::New {
            file,
            from,
            period_from,
            period_to,
        }) => new_command(&registry, &file, &from, [period_from, period_to], cli.lang),
        Some(Command::History {
            file,
            number,
            format,
        }) => history_command(&registry, &file, number.as_deref(), format, cli.lang),
        Some(Command::Findings { file, format }) => {
            let (s, q) = match read_session(&file, &registry) {
                Ok(x) => x,
                Err(e) => return fail(&e, 2, hint),
            };
            let lang = cli
                .lang
                .or(s.language)
                .or_else(Lang::from_env)
                .unwrap_or_default();
            let found = crate::findings::findings(&q, &s, lang);
            match format {
                Format::Json => outln!(
                    "{}",
                    serde_json::to_string_pretty(&found).unwrap_or_default()
                ),
                Format::Text => out!("{}", findings_text(&q, &found, lang)),
            }
            ExitCode::SUCCESS
        }
        Some(Command::Export {
            file,
            blank,
            format,
            document,
            out,
            entered_by,
            csv,
        }) => export_command(
            &registry,
            file,
            blank,
            (format, document, csv, entered_by),
            out,
            cli.lang,
        ),
        Some(Command::Aggregate {
            files,
            format,
            out,
            csv,
            wide,
            strict,
            by,
        }) => aggregate_command(
            &registry,
            &files,
            AggregateOpts {
                format,
                out,
                csv,
                wide,
                strict,
                by,
            },
            cli.lang,
        ),
        Some(Command::Validate { file }) => {
            let (s, q) = match read_session(&file, &registry) {
                Ok(x) => x,
                Err(e) => return fail(&e, 2, hint),
            };
            let lang = cli
                .lang
                .or(s.language)
                .or_else(Lang::from_env)
                .unwrap_or_default();
            let sum = summarize(&q, &s, lang);
            let missing: Vec<String> = slots(&q, &s)
                .into_iter()
                .filter(|(slot, kind)| !is_answered(&s, slot, *kind))
                .map(|(slot, _)| slot_label(&q, &slot, lang))
                .collect();
            let errors: Vec<String> = sum
                .problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .map(|p| problem_line(&q, p, lang))
                .collect();
            if missing.is_empty() && errors.is_empty() {
                outln!("{}", Ui::Complete.get(lang));
                return ExitCode::SUCCESS;
            }
            if !missing.is_empty() {
                outln!("{} ({}):", Ui::Missing.get(lang), missing.len());
                for m in &missing {
                    outln!("  {m}");
                }
            }
            if !errors.is_empty() {
                outln!("{} ({}):", Ui::Problems.get(lang), errors.len());
                for e in &errors {
                    outln!("  {e}");
                }
            }
            ExitCode::from(1)
        }
    }
}

fn check_command(path: &std::path::Path) -> ExitCode {
    let name = path.display().to_string();
    // Regular files of a sane size only: `check /dev/zero` must not read for ever.
    let src = match crate::store::read_regular(path).and_then(|b| {
        String::from_utf8(b)
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
    }) {
        Ok(s) => s,
        Err(e) => {
            return fail(
                &LoadError::io(&name, &e),
                1,
                Lang::from_env().unwrap_or_default(),
            );
        }
    };
    let q: Questionnaire = match LoadError::parse(&name, &src) {
        Ok(q) => q,
        Err(e) => return fail(&e, 1, Lang::from_env().unwrap_or_default()),
    };
    let problems: Vec<DefinitionProblem> = check(&q);
    if problems.is_empty() {
        let items: usize = q
            .sections
            .iter()
            .map(|s| s.indicators.len() + s.questions.len())
            .sum();
        outln!(
            "{name}: ok — {} {}, {} sections, {items} indicators and questions",
            q.id,
            q.version,
            q.sections.len()
        );
        return ExitCode::SUCCESS;
    }
    for p in &problems {
        say(format_args!(
            "{}",
            LoadError::at(
                &name,
                &src,
                p.path.clone(),
                crate::msg::Msg::Plain(p.message.clone())
            )
        ));
    }
    say(format_args!("{name}: {} problem(s)", problems.len()));
    ExitCode::from(1)
}

pub fn outline_json(q: &Questionnaire) -> serde_json::Value {
    let field = |f: &crate::questionnaire::Field| {
        let mut v = json!({"id": f.id, "number": f.number, "type": f.kind.name(), "text": f.text});
        if let Some(p) = &f.parent {
            v["parent"] = json!(p);
        }
        if let Some(g) = &f.group {
            v["group"] = json!(g);
        }
        if let Some(s) = &f.source_label {
            v["source_label"] = json!(s);
        }
        v
    };
    json!({
        "id": q.id,
        "version": q.version,
        "title": q.title,
        "header": q.header.iter().map(|h| json!({"id": h.id, "type": h.kind.name(), "text": h.text})).collect::<Vec<_>>(),
        "sections": q.sections.iter().map(|s| json!({
            "id": s.id,
            "number": s.number,
            "label": s.label,
            "repeat": s.is_repeat(),
            "title": s.title,
            "indicators": s.indicators.iter().map(field).collect::<Vec<_>>(),
            "questions": s.questions.iter().map(field).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

pub fn outline_text(q: &Questionnaire, lang: Lang) -> String {
    let mut out = format!(
        "{} ({} {})\n{}\n\n",
        q.id,
        Ui::Version.get(lang),
        q.version,
        q.title.get(lang)
    );
    out += &format!("{}\n", Ui::Header.get(lang));
    for h in &q.header {
        let t = crate::present::type_word(Some(h.kind)).get(lang);
        out += &format!("  {:<14} {t:<10} {}\n", h.id, h.text.get(lang));
    }
    for s in &q.sections {
        out += &format!("\n{} — {}", s.label.get(lang), s.title.get(lang));
        if let Some(r) = &s.repeat {
            out += &format!("  [× {}]", r.item.get(lang));
        }
        out.push('\n');
        for (title, fields) in [
            (Ui::QuantitativeIndicators, &s.indicators),
            (Ui::QualitativeIndicators, &s.questions),
        ] {
            if fields.is_empty() {
                continue;
            }
            out += &format!("  {}\n", title.get(lang));
            for f in fields {
                out += &format!(
                    "    {:>4}  {:<10} {}\n",
                    crate::i18n::field_number(&f.number, lang),
                    crate::present::type_word(Some(f.kind)).get(lang),
                    f.text.get(lang)
                );
            }
        }
    }
    out
}

fn new_command(
    registry: &Registry,
    file: &std::path::Path,
    from: &std::path::Path,
    period: [Option<String>; 2],
    lang: Option<Lang>,
) -> ExitCode {
    let hint = lang.or_else(Lang::from_env).unwrap_or_default();
    let (last, q) = match read_session(from, registry) {
        Ok(x) => x,
        Err(e) => return fail(&e, 2, hint),
    };
    let lang = lang.or(last.language).or(Some(hint)).unwrap_or_default();
    // Never over a report: the new one is new.
    if std::fs::symlink_metadata(file).is_ok() {
        say(format_args!(
            "saualnama: {}: {}",
            file.display(),
            Ui::NewExists.get(lang)
        ));
        return ExitCode::from(2);
    }
    // The last report named as the new one will find it: beside it, by its own name.
    let shown = match (file.parent(), from.parent()) {
        (Some(a), Some(b)) if a == b => from.file_name().map_or_else(
            || from.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        _ => std::fs::canonicalize(from)
            .unwrap_or_else(|_| from.to_path_buf())
            .display()
            .to_string(),
    };
    let mut next = crate::carry::next_period(&q, &last, &shown, crate::tui::app::now(), lang);
    next.language = Some(lang);
    for (id, v) in ["period_from", "period_to"].iter().zip(period) {
        let Some(v) = v else { continue };
        match crate::answer::parse_month_checked(&v) {
            // Stored as the form stores months: «2018-1» is «2018-01».
            Ok(m) => {
                next.header.insert((*id).to_owned(), m.to_json());
            }
            Err(e) => {
                say(format_args!(
                    "saualnama: --{}: {v}: {}",
                    id.replace('_', "-"),
                    e.message(lang)
                ));
                return ExitCode::from(2);
            }
        }
    }
    let text = |s: &crate::session::Session, id: &str| {
        s.header.get(id).and_then(|v| v.as_str()).map(str::to_owned)
    };
    if let (Some(from), Some(to)) = (text(&next, "period_from"), text(&next, "period_to"))
        && to < from
    {
        say(format_args!(
            "saualnama: {from} – {to}: {}",
            Ui::PeriodBackwards.get(lang)
        ));
        return ExitCode::from(2);
    }
    if let (Some(from), Some(last_to)) = (text(&next, "period_from"), text(&last, "period_to"))
        && from <= last_to
    {
        say(format_args!(
            "saualnama: {from}: {} ({last_to})",
            Ui::PeriodNotAfterLast.get(lang)
        ));
    }
    match crate::store::write_atomic(file, next.to_json_pretty().as_bytes(), true) {
        Ok(()) => {
            say(format_args!("{}", file.display()));
            ExitCode::SUCCESS
        }
        Err(e) => {
            say(format_args!("saualnama: {}: {e}", file.display()));
            ExitCode::from(1)
        }
    }
}

/// Where an entry of the history is, as `Ctrl-G` takes it: «4.10», «1.2.Q3», «1.2» for an item —
/// the item where it stands now (found by its id), whatever was added, deleted or moved since; a
/// header field by its name.
fn history_place(
    q: &Questionnaire,
    s: &crate::session::Session,
    e: &crate::history::Entry,
    lang: Lang,
) -> String {
    let Some(section) = &e.section else {
        let field = e.field.clone().unwrap_or_default();
        return q
            .header_field(&field)
            .map_or(field, |h| h.text.get(lang).to_owned());
    };
    let sec = q.section(section);
    let num = sec.map_or("?", |s| s.number.as_str());
    let field = e.field.as_ref().map(|f| {
        sec.and_then(|s| s.field(f))
            .map_or(f.clone(), |f| f.number.clone())
    });
    // An item deleted since has no number: «1.—».
    let item = match &e.id {
        Some(id) => Some(
            s.item_index(section, id)
                .map_or("—".to_owned(), |i| (i + 1).to_string()),
        ),
        None => e.item.map(|i| i.to_string()),
    };
    match (item, field) {
        (Some(i), Some(f)) => format!("{num}.{i}.{f}"),
        (Some(i), None) => format!("{num}.{i}"),
        (None, Some(f)) => format!("{num}.{f}"),
        (None, None) => num.to_owned(),
    }
}

fn history_command(
    registry: &Registry,
    file: &std::path::Path,
    number: Option<&str>,
    format: Format,
    lang: Option<Lang>,
) -> ExitCode {
    use crate::history::What;
    let hint = lang.or_else(Lang::from_env).unwrap_or_default();
    let (s, q) = match read_session(file, registry) {
        Ok(x) => x,
        Err(e) => return fail(&e, 2, hint),
    };
    let lang = lang.or(s.language).or(Some(hint)).unwrap_or_default();
    let entries = match crate::history::read(file) {
        // Entries older than the report are a deleted namesake's, not this report's.
        Ok(mut x) => {
            if let Some(created) = &s.created {
                x.retain(|e| e.time.as_str() >= created.as_str());
            }
            x
        }
        Err(e) => {
            say(format_args!("saualnama: {e}"));
            return ExitCode::from(2);
        }
    };
    let wanted = |place: &str| match number {
        None => true,
        Some(n) => {
            let (n, place) = (
                crate::present::typed_number(n).to_lowercase(),
                place.to_lowercase(),
            );
            place == n || place.starts_with(&format!("{n}."))
        }
    };
    let mut chosen: Vec<_> = entries
        .iter()
        .filter(|e| wanted(&history_place(&q, &s, e, lang)))
        .collect();
    // In the order they were made: the file is in the order the saves reached the disk, and a save
    // that waited (a full disk, a refused folder) brings older changes after newer ones.
    chosen.sort_by(|a, b| a.time.cmp(&b.time));
    match format {
        Format::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&chosen).unwrap_or_default()
        ),
        Format::Text => {
            if chosen.is_empty() {
                outln!("{}", Ui::NoHistory.get(lang));
            }
            let shown = |v: &Option<serde_json::Value>| match v {
                None => "—".to_owned(),
                Some(serde_json::Value::String(t)) => t.clone(),
                Some(v) if v.get("none") == Some(&serde_json::Value::Bool(true)) => {
                    crate::answer::Answer::Nothing.display(lang)
                }
                Some(v) => match v.get("yes").and_then(serde_json::Value::as_bool) {
                    Some(yes) => crate::present::yes_no(
                        yes,
                        v.get("comment").and_then(|c| c.as_str()).unwrap_or(""),
                        lang,
                    ),
                    None => v.to_string(),
                },
            };
            for e in chosen {
                let place = history_place(&q, &s, e, lang);
                let what = match e.what {
                    What::Set => format!("{} → {}", shown(&e.old), shown(&e.new)),
                    // Typed over a conflict (no author besides the typist): a value like any other.
                    What::Chosen if e.by.is_none() => {
                        format!("{} → {}", shown(&e.old), shown(&e.new))
                    }
                    What::Chosen => format!(
                        "{} → {} ({})",
                        shown(&e.old),
                        shown(&e.new),
                        Ui::HistChosen.get(lang)
                    ),
                    What::Checked => Ui::HistChecked.get(lang).to_owned(),
                    What::Disputed => Ui::HistDisputed.get(lang).to_owned(),
                    // Put back by an undo: the item comes with what it held.
                    What::ItemAdded if e.new.is_some() => Ui::HistItemRestored.get(lang).to_owned(),
                    What::ItemAdded => Ui::HistItemAdded.get(lang).to_owned(),
                    // Named, since its place is gone with it.
                    What::ItemRemoved => match e
                        .old
                        .as_ref()
                        .and_then(|v| v.get("name"))
                        .and_then(serde_json::Value::as_str)
                        .filter(|n| !n.trim().is_empty())
                    {
                        Some(name) => format!("{} «{name}»", Ui::HistItemRemoved.get(lang)),
                        None => Ui::HistItemRemoved.get(lang).to_owned(),
                    },
                    What::ItemMoved => {
                        let num = e
                            .section
                            .as_deref()
                            .and_then(|id| q.section(id))
                            .map_or("?", |s| s.number.as_str());
                        format!("{} → {num}.{}", Ui::HistItemMoved.get(lang), shown(&e.new))
                    }
                };
                // The indicator's number as the reader's screens show it (К in kk and ru).
                let place = match place.rsplit_once('.') {
                    Some((head, last)) => {
                        format!("{head}.{}", crate::i18n::field_number(last, lang))
                    }
                    None => place,
                };
                outln!("{}  {:<12} {place:<10} {what}", e.time, e.user);
            }
        }
    }
    ExitCode::SUCCESS
}

pub use crate::present::slot_label;

pub fn problem_line(q: &Questionnaire, p: &crate::summary::Problem, lang: Lang) -> String {
    let sev = match p.severity {
        Severity::Error => Ui::Error.get(lang),
        Severity::Warning => Ui::Warning.get(lang),
    };
    let place = match (&p.section, p.item) {
        (None, _) => Ui::Header.get(lang).to_owned(),
        (Some(s), item) => {
            let label = q
                .section(s)
                .map_or(s.clone(), |s| s.label.get(lang).to_owned());
            match (item, &p.item_name) {
                (Some(i), Some(n)) => format!("{label}, {i}. {n}"),
                (Some(i), None) => format!("{label}, {i}"),
                _ => label,
            }
        }
    };
    format!("[{sev}] {place}: {}", p.message)
}

pub fn summary_text(
    q: &Questionnaire,
    sum: &Summary,
    orphans: &[String],
    previous: Option<&crate::session::Previous>,
    lang: Lang,
) -> String {
    let mut out = format!(
        "{}: {}/{}\n",
        Ui::Progress.get(lang),
        sum.progress.answered,
        sum.progress.total
    );
    for (sec, sp) in q.sections.iter().zip(&sum.sections) {
        out += &format!("\n{}", crate::present::annex_heading(sec, lang));
        if sec.is_repeat() {
            out += &format!(
                " ({})",
                crate::i18n::count(sp.items, crate::i18n::Noun::Item, lang)
            );
        }
        out += &format!(": {}/{}\n", sp.answered, sp.total);
        for f in sum.indicators.iter().filter(|f| f.section == sec.id) {
            let before = previous.and_then(|p| p.figures.get(&f.key).copied());
            let value = match (f.kind, f.value) {
                // Nothing entered yet: «—», as the editor's summary says; not 0, nor a fall to 0
                // beside the last period, nor a share of blanks.
                (kind, _) if !f.answered => {
                    crate::present::compared(kind, before, None, false, lang)
                }
                (k, None) if k.is_quotient() && before.is_none() => {
                    Ui::ShareUndefined.get(lang).to_owned()
                }
                (_, None) if before.is_none() => String::new(),
                (kind, v) => crate::present::compared(kind, before, v, f.partial, lang),
            };
            // A breakdown's part with its group: the list shows no group above it.
            let label = sec
                .indicator(&f.id)
                .map_or_else(|| f.label.clone(), |ind| sec.field_label(ind, lang));
            // A label longer than its column goes on over as many lines as it needs, the figure
            // on its last: cut, it lost its meaning; pushed, the figures left their column.
            let lines = crate::output::wrap(&label, 60);
            let (last, before) = lines.split_last().expect("wrap gives a line at least");
            for l in before {
                out += &format!("  {l}\n");
            }
            out += &format!("  {last:<60} {value:>10}\n");
        }
    }
    out += &format!("\n{}\n", Ui::Problems.get(lang));
    if sum.problems.is_empty() {
        out += &format!("  {}\n", Ui::NoProblems.get(lang));
    }
    for p in &sum.problems {
        out += &format!("  {}\n", problem_line(q, p, lang));
    }
    if !orphans.is_empty() {
        out += &format!("\n{}\n", Ui::Orphans.get(lang));
        for o in orphans {
            out += &format!("  {o}\n");
        }
    }
    out
}

struct AggregateOpts {
    format: TableFormat,
    out: Option<PathBuf>,
    csv: CsvArgs,
    wide: bool,
    strict: bool,
    by: By,
}

/// Write a command's output to `out` whole or not at all (a temporary file renamed over it, private
/// like the reports it comes from), or to stdout for `-` or none.
fn write_out(out: Option<&std::path::Path>, bytes: &[u8]) -> ExitCode {
    match out {
        Some(p) if p.as_os_str() != "-" => match crate::store::write_private(p, bytes, true) {
            Ok(()) => {
                say(format_args!("{}", p.display()));
                ExitCode::SUCCESS
            }
            Err(e) => {
                say(format_args!("saualnama: {}: {e}", p.display()));
                ExitCode::from(1)
            }
        },
        _ => emit(bytes),
    }
}

fn export_command(
    registry: &Registry,
    file: Option<PathBuf>,
    blank: Option<String>,
    (format, document, csv, entered_by): (ExportFormat, Document, CsvArgs, bool),
    out: Option<PathBuf>,
    lang: Option<Lang>,
) -> ExitCode {
    use crate::export::{
        analytical_report, form_document, report_xlsx, to_csv, to_docx, to_html, to_json,
        to_markdown,
    };
    let (q, session, default_out) = match (&blank, &file) {
        (Some(id), _) => {
            let q = if id.is_empty() {
                Ok(registry.default_form().clone())
            } else {
                crate::store::resolve_form(registry, id)
            };
            match q {
                Ok(q) => {
                    let out = PathBuf::from(format!("{}-blank.{}", q.id, format.extension()));
                    (q, None, out)
                }
                Err(e) => return fail(&e, 2, lang.or_else(Lang::from_env).unwrap_or_default()),
            }
        }
        (None, Some(f)) => match read_session(f, registry) {
            Ok((s, q)) => (q, Some(s), f.with_extension(format.extension())),
            Err(e) => return fail(&e, 2, lang.or_else(Lang::from_env).unwrap_or_default()),
        },
        (None, None) => unreachable!("clap requires FILE or --blank"),
    };
    let lang = lang
        .or(session.as_ref().and_then(|s| s.language))
        .or_else(Lang::from_env)
        .unwrap_or_default();
    let mut doc = match (document, &session) {
        (Document::Form, s) => form_document(&q, s.as_ref(), lang),
        (Document::AnalyticalReport, Some(s))
            if !matches!(
                format,
                ExportFormat::Csv | ExportFormat::Json | ExportFormat::Xlsx
            ) =>
        {
            analytical_report(&q, s, lang)
        }
        (Document::AnalyticalReport, _) => {
            say(format_args!(
                "saualnama: {}",
                Ui::ReportNeedsFilledForm.get(lang)
            ));
            return ExitCode::from(2);
        }
    };
    if entered_by && let Some(f) = &file {
        match crate::history::read(f) {
            Ok(h) => crate::export::add_entered_by(&mut doc, &h),
            Err(e) => {
                say(format_args!("saualnama: {e}"));
                return ExitCode::from(2);
            }
        }
    }
    let default_out = match document {
        Document::AnalyticalReport => {
            let stem = default_out
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            default_out.with_file_name(format!("{stem}.analytical-report.{}", format.extension()))
        }
        Document::Form => default_out,
    };
    let out = out.unwrap_or(default_out);
    let to_file = out.as_os_str() != "-";
    let bytes: Vec<u8> = match (format, &session) {
        (ExportFormat::Docx, _) => to_docx(&doc),
        (ExportFormat::Html, _) => to_html(&doc).into_bytes(),
        (ExportFormat::Md, _) => to_markdown(&doc).into_bytes(),
        (ExportFormat::Csv, Some(s)) => to_csv(&q, s, lang, &csv.style(lang, to_file)),
        (ExportFormat::Xlsx, Some(s)) => match report_xlsx(&q, s, lang) {
            Ok(b) => b,
            Err(e) => {
                say(format_args!("saualnama: xlsx: {e}"));
                return ExitCode::from(1);
            }
        },
        (ExportFormat::Json, Some(s)) => {
            let mut t = serde_json::to_string_pretty(&to_json(&q, s, lang)).unwrap_or_default();
            t.push('\n');
            t.into_bytes()
        }
        (_, None) => {
            say(format_args!("saualnama: {}", Ui::BlankFormats.get(lang)));
            return ExitCode::from(2);
        }
    };
    if !to_file {
        if matches!(format, ExportFormat::Docx | ExportFormat::Xlsx) {
            say(format_args!("saualnama: {}", Ui::DocxNotToStdout.get(lang)));
            return ExitCode::from(2);
        }
        return emit(&bytes);
    }
    // Never over the report it was made from (`-o report.json`, a report named `x.csv`).
    if let Some(input) = &file
        && same_file(input, &out)
    {
        say(format_args!(
            "saualnama: {}: {}",
            out.display(),
            Ui::ExportOverReport.get(lang)
        ));
        return ExitCode::from(2);
    }
    // Exports hold the same personnel data as the report: private, and written whole or not at all.
    write_out(Some(&out), &bytes)
}

fn aggregate_command(
    registry: &Registry,
    files: &[PathBuf],
    opts: AggregateOpts,
    lang: Option<Lang>,
) -> ExitCode {
    use crate::aggregate::aggregate;
    use crate::export::{aggregate_csv, aggregate_text, aggregate_xlsx};
    let mlang = lang.or_else(Lang::from_env).unwrap_or_default();
    let to_file = opts.out.as_ref().is_some_and(|o| o.as_os_str() != "-");
    if opts.format == TableFormat::Xlsx && !to_file {
        say(format_args!(
            "saualnama: {}",
            Ui::DocxNotToStdout.get(mlang)
        ));
        return ExitCode::from(2);
    }
    let mut reports = Vec::new();
    let mut form: Option<(Questionnaire, String)> = None;
    let mut left_out = 0usize;
    // The same report given twice (a copy under another name) would count twice: known by content.
    let mut seen: std::collections::HashMap<u64, String> = std::collections::HashMap::new();
    let mut seen_org: std::collections::HashMap<(String, String), String> =
        std::collections::HashMap::new();
    let mut first_period: Option<(String, String)> = None;
    let period_of = |s: &crate::session::Session| -> String {
        let h = |id: &str| {
            s.header
                .get(id)
                .and_then(|v| v.as_str())
                .unwrap_or("?")
                .to_owned()
        };
        format!("{} – {}", h("period_from"), h("period_to"))
    };
    for f in files {
        let name = f.display().to_string();
        let (s, q) = match read_session(f, registry) {
            Ok(x) => x,
            Err(e) if opts.strict => return fail(&e, 2, mlang),
            Err(e) => {
                say(format_args!(
                    "saualnama: {} ({})",
                    e.render(mlang),
                    Ui::AggSkipped.get(mlang)
                ));
                left_out += 1;
                continue;
            }
        };
        match &form {
            Some((first, first_file)) if first.id != q.id => {
                say(format_args!(
                    "saualnama: {name}: {:?} ≠ {first_file}: {:?}. {}",
                    q.id,
                    first.id,
                    Ui::SameFormOnly.get(mlang)
                ));
                return ExitCode::from(2);
            }
            Some(_) => {}
            None => form = Some((q, name.clone())),
        }
        let digest = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            s.to_json_pretty().hash(&mut h);
            h.finish()
        };
        let period = period_of(&s);
        // Another version of a report already counted (a copy edited since): one organisation
        // counts once a period.
        let organisation = s
            .header
            .get("organisation")
            .and_then(|v| v.as_str())
            .map(|o| {
                o.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .filter(|o| !o.is_empty());
        let org_key = organisation.map(|o| (o, period.clone()));
        // The same report twice, or one organisation's period twice: counted once.
        let counted = seen
            .get(&digest)
            .map(|o| (Ui::AggDuplicate, o))
            .or_else(|| {
                org_key
                    .as_ref()
                    .and_then(|k| seen_org.get(k))
                    .map(|o| (Ui::AggSameOrganisation, o))
            });
        if let Some((why, other)) = counted {
            say(format_args!(
                "saualnama: {name}: {}",
                why.get(mlang).replace("{other}", other)
            ));
            if opts.strict {
                return ExitCode::from(2);
            }
            left_out += 1;
            continue;
        }
        seen.insert(digest, name.clone());
        if let Some(k) = org_key {
            seen_org.insert(k, name.clone());
        }
        match &first_period {
            // Side by side by period, periods are meant to differ.
            _ if opts.by == By::Period => {}
            Some((first, that)) if *that != period => say(format_args!(
                "saualnama: {name}: {}",
                Ui::AggPeriod
                    .get(mlang)
                    .replace("{this}", &period)
                    .replace("{first}", first)
                    .replace("{that}", that)
            )),
            Some(_) => {}
            None => first_period = Some((name.clone(), period)),
        }
        reports.push((name, s));
    }
    let Some((q, _)) = form else {
        say(format_args!(
            "saualnama: {}",
            Ui::AggLeftOut
                .get(mlang)
                .replace("{n}", &left_out.to_string())
        ));
        return ExitCode::from(1);
    };
    let mut agg = aggregate(&q, &reports, mlang);
    if opts.by == By::Period {
        // One organisation's periods, in order: each row is named by its period.
        let periods: std::collections::HashMap<&str, String> = reports
            .iter()
            .map(|(f, s)| (f.as_str(), period_of(s)))
            .collect();
        let organisations: std::collections::BTreeSet<String> =
            agg.rows.iter().map(|r| r.organisation.clone()).collect();
        if organisations.len() > 1 {
            say(format_args!(
                "saualnama: {}",
                Ui::AggManyOrganisations.get(mlang)
            ));
        }
        let several = organisations.len() > 1;
        for r in &mut agg.rows {
            let period = periods.get(r.file.as_str()).cloned().unwrap_or_default();
            r.organisation = if several {
                format!("{period} — {}", r.organisation)
            } else {
                period
            };
        }
        agg.rows.sort_by(|a, b| a.organisation.cmp(&b.organisation));
        // Periods side by side do not add up (a headcount is not the sum of two half-years).
        agg.total.figures.clear();
    }
    let bytes = match opts.format {
        TableFormat::Json => {
            let mut t = serde_json::to_string_pretty(&agg).unwrap_or_default();
            t.push('\n');
            t.into_bytes()
        }
        TableFormat::Csv => aggregate_csv(&agg, mlang, &opts.csv.style(mlang, to_file)),
        TableFormat::Text => aggregate_text(&q, &agg, mlang, opts.wide).into_bytes(),
        TableFormat::Xlsx => match aggregate_xlsx(&q, &agg, mlang) {
            Ok(b) => b,
            Err(e) => {
                say(format_args!("saualnama: xlsx: {e}"));
                return ExitCode::from(1);
            }
        },
    };
    let written = write_out(opts.out.as_deref(), &bytes);
    if left_out > 0 {
        say(format_args!(
            "saualnama: {}",
            Ui::AggLeftOut
                .get(mlang)
                .replace("{n}", &left_out.to_string())
        ));
        return ExitCode::from(1);
    }
    written
}

pub fn findings_text(q: &Questionnaire, found: &[crate::findings::Finding], lang: Lang) -> String {
    if found.is_empty() {
        return format!("{}\n", Ui::NoFindings.get(lang));
    }
    let mut out = format!("{}\n", crate::present::findings_tally(found, lang));
    for sec in &q.sections {
        let here: Vec<_> = found.iter().filter(|f| f.section == sec.id).collect();
        if here.is_empty() {
            continue;
        }
        out += &format!("\n{}\n", crate::present::annex_heading(sec, lang));
        for f in here {
            // Findings number items from 1.
            let place = match f.item {
                Some(i) => format!(
                    "{}: ",
                    crate::present::item_place_named(q, &sec.id, i - 1, f.item_name.as_deref())
                ),
                None => String::new(),
            };
            out += &format!(
                "  ● {place}{} [{}]\n",
                f.title,
                crate::findings::severity_word(f.severity).get(lang)
            );
            for e in &f.evidence {
                out += &format!("      {e}\n");
            }
            out += &format!(
                "      {}: {}\n",
                Ui::Recommendation.get(lang),
                f.recommendation
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // Cheap cases (a parse each), and a slip needs three words in a row to show.
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// Where the quick reading reads a command line, clap reads it alike (the rest is clap's).
        #[test]
        fn the_common_line_is_read_as_clap_reads_it(words in proptest::collection::vec(
            // Mostly the words of a common line, so that most lines are one (and clap reads them).
            prop_oneof![
                4 => prop::sample::select(vec![
                    "r.json", "a b.json", "отчёт.json", ".json", "-l", "--lang", "kk", "ru", "en",
                    "--read-only", "--plain",
                ]),
                1 => prop::sample::select(vec![
                    "-r.json", "r.JSON", "r", "summary", "KK", "xx", "--lang=ru", "-q", "--", "-",
                    "-h", "--version",
                ]),
            ],
            0..6,
        )) {
            let args: Vec<std::ffi::OsString> =
                std::iter::once("saualnama").chain(words.iter().copied()).map(Into::into).collect();
            if let Some(quick) = common_command_line(&args) {
                use clap::{CommandFactory, FromArgMatches};
                let by_clap = Cli::command()
                    .disable_help_subcommand(true)
                    .try_get_matches_from(file_after_command(args.clone()))
                    .map(|m| Cli::from_arg_matches(&m));
                let by_clap = match by_clap {
                    Ok(Ok(cli)) => cli,
                    other => panic!("{words:?}: read quickly as {quick:?}, clap says {other:?}"),
                };
                prop_assert_eq!(format!("{quick:?}"), format!("{by_clap:?}"), "{:?}", words);
            }
        }
    }

    #[test]
    fn the_common_lines_are_read_quickly() {
        let read = |words: &[&str]| {
            let args: Vec<std::ffi::OsString> = std::iter::once("saualnama")
                .chain(words.iter().copied())
                .map(Into::into)
                .collect();
            common_command_line(&args).map(|c| format!("{c:?}"))
        };
        assert!(read(&["report.json"]).is_some());
        assert!(read(&["report.json", "-l", "ru"]).is_some());
        assert!(read(&["--lang", "kk", "--read-only", "r.json"]).is_some());
        for clap_s in [
            &[][..],
            &["summary", "r.json"],
            &["r.json", "-l", "de"],
            &["-h"],
        ] {
            assert_eq!(read(clap_s), None, "{clap_s:?}");
        }
    }
}
