//! `--help` in the interface language: the command line's description built from the same text table
//! as every other interface text (`ui_text`), in the language of `-l`, else of the locale.

use super::Cli;
use crate::i18n::Lang;
use crate::ui_text::Ui;
use clap::{Arg, ArgAction, Command, CommandFactory};

/// The help texts of the arguments of each command: (command, argument id, text).
const ARGS: &[(&str, &str, Ui)] = &[
    ("", "file", Ui::CliFile),
    ("", "questionnaire", Ui::CliQuestionnaire),
    ("", "lang", Ui::CliLang),
    ("", "read_only", Ui::CliReadOnly),
    ("", "plain", Ui::CliPlain),
    ("", "questionnaires", Ui::CliQuestionnaires),
    ("outline", "form", Ui::CliForm),
    ("outline", "format", Ui::CliFormat),
    ("check", "path", Ui::CliPath),
    ("summary", "file", Ui::CliReport),
    ("summary", "format", Ui::CliFormat),
    ("validate", "file", Ui::CliReport),
    ("findings", "file", Ui::CliReport),
    ("new", "file", Ui::CliNewFile),
    ("new", "from", Ui::CliFrom),
    ("new", "period_from", Ui::CliPeriodFrom),
    ("new", "period_to", Ui::CliPeriodTo),
    ("history", "file", Ui::CliReport),
    ("history", "number", Ui::CliNumber),
    ("history", "format", Ui::CliFormat),
    ("findings", "format", Ui::CliFormat),
    ("export", "file", Ui::CliReport),
    ("export", "blank", Ui::CliBlank),
    ("export", "format", Ui::CliFormat),
    ("export", "document", Ui::CliDocument),
    ("export", "out", Ui::CliOut),
    ("export", "entered_by", Ui::CliEnteredBy),
    ("export", "delimiter", Ui::CliDelimiter),
    ("export", "ids", Ui::CliIds),
    ("completions", "shell", Ui::CliShell),
    ("aggregate", "files", Ui::CliFiles),
    ("aggregate", "format", Ui::CliFormat),
    ("aggregate", "out", Ui::CliAggOut),
    ("aggregate", "delimiter", Ui::CliDelimiter),
    ("aggregate", "ids", Ui::CliIds),
    ("aggregate", "wide", Ui::CliWide),
    ("aggregate", "strict", Ui::CliStrict),
    ("aggregate", "by", Ui::CliBy),
];

const COMMANDS: &[(&str, Ui)] = &[
    ("list", Ui::CliList),
    ("outline", Ui::CliOutline),
    ("check", Ui::CliCheck),
    ("summary", Ui::CliSummary),
    ("validate", Ui::CliValidate),
    ("findings", Ui::CliFindings),
    ("history", Ui::CliHistory),
    ("new", Ui::CliNew),
    ("export", Ui::CliExport),
    ("completions", Ui::CliCompletions),
    ("man", Ui::CliMan),
    ("aggregate", Ui::CliAggregate),
];

/// The language of the help: `-l X` / `--lang X` / `--lang=X` on the command line, else the locale.
pub fn lang_of_args(args: &[String]) -> Lang {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let v = match a.as_str() {
            "-l" | "--lang" => it.next().map(String::as_str),
            a => a
                .strip_prefix("--lang=")
                .or_else(|| a.strip_prefix("-l").filter(|v| !v.is_empty())),
        };
        if let Some(l) = v.and_then(Lang::parse) {
            return l;
        }
    }
    Lang::from_env().unwrap_or_default()
}

fn localize(mut cmd: Command, name: &str, lang: Lang) -> Command {
    let g = |u: Ui| u.get(lang);
    cmd = cmd
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            g(Ui::CliUsage)
        ))
        .subcommand_help_heading(g(Ui::CliCommands))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(g(Ui::CliHelp))
                .help_heading(g(Ui::CliOptions)),
        );
    for (_, id, text) in ARGS.iter().filter(|(c, _, _)| *c == name) {
        cmd = cmd.mut_arg(*id, |a| {
            let heading = if a.is_positional() {
                Ui::CliArguments
            } else {
                Ui::CliOptions
            };
            let a = a.help(g(*text)).help_heading(g(heading));
            if lang == Lang::En || !a.get_action().takes_values() {
                return a;
            }
            // clap says these in English: said here in the reader's language instead.
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_owned())
                .collect();
            let mut said = Vec::new();
            if !values.is_empty() {
                said.push(format!("{}: {}", g(Ui::CliValues), values.join(", ")));
            }
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            if !defaults.is_empty() {
                said.push(format!("{}: {}", g(Ui::CliDefault), defaults.join(", ")));
            }
            if let Some(env) = a.get_env() {
                said.push(format!("{}: {}", g(Ui::CliEnv), env.to_string_lossy()));
            }
            let help = if said.is_empty() {
                g(*text).to_owned()
            } else {
                format!("{} [{}]", g(*text), said.join("; "))
            };
            a.help(help)
                .hide_possible_values(true)
                .hide_default_value(true)
                .hide_env(true)
        });
    }
    cmd
}

/// A mistake on the command line said in `lang` (clap says its own in English only), for the
/// mistakes a user makes: a report not named, a word the command does not take, a value it does
/// not know. None for the rest, which clap says.
pub fn error_text(e: &clap::Error, lang: Lang) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let get = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) if !v.is_empty() => Some(v.join(", ")),
        _ => None,
    };
    if e.kind() == ErrorKind::InvalidSubcommand {
        // «saualnama report frobnicate»: the second word is taken for a command.
        let word = get(ContextKind::InvalidSubcommand)?;
        let close: Vec<String> = get(ContextKind::SuggestedSubcommand).into_iter().collect();
        return Some(not_a_command(&word, &close, None, lang));
    }
    let arg = get(ContextKind::InvalidArg)?;
    let what = match e.kind() {
        ErrorKind::MissingRequiredArgument => Ui::CliMissing.get(lang).replace("{arg}", &arg),
        ErrorKind::UnknownArgument => Ui::CliUnexpected.get(lang).replace("{arg}", &arg),
        ErrorKind::InvalidValue => Ui::CliBadValue
            .get(lang)
            .replace("{arg}", &arg)
            .replace("{value}", &get(ContextKind::InvalidValue)?)
            .replace("{valid}", &get(ContextKind::ValidValue)?),
        _ => return None,
    };
    Some(format!(
        "{}: {what}\n\n{}",
        Ui::CliError.get(lang),
        Ui::CliMoreHelp.get(lang)
    ))
}

/// `word` is no command (nor, for the first word, a report): the commands it may have meant, and
/// `tip`, in the user's language.
pub fn not_a_command(word: &str, close: &[String], tip: Option<&str>, lang: Lang) -> String {
    let mut said = format!(
        "{}: '{word}' {}",
        Ui::CliError.get(lang),
        Ui::NotACommand.get(lang)
    );
    if !close.is_empty() {
        said += &format!(
            "\n  {}: '{}'",
            Ui::SimilarCommand.get(lang),
            close.join("', '")
        );
    }
    if let Some(tip) = tip {
        said += &format!("\n  {tip}");
    }
    said + &format!("\n\n{}", Ui::CliMoreHelp.get(lang))
}

/// The whole command line, its help in `lang`.
pub fn command(lang: Lang) -> Command {
    let g = |u: Ui| u.get(lang);
    let mut cmd = localize(Cli::command(), "", lang)
        .about(g(Ui::CliAbout))
        .long_about(format!("{}\n\n{}", g(Ui::CliAbout), g(Ui::CliLongAbout)))
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(g(Ui::CliVersion))
                .help_heading(g(Ui::CliOptions)),
        );
    for (name, about) in COMMANDS {
        cmd = cmd.mut_subcommand(*name, |sc| localize(sc, name, lang).about(g(*about)));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_argument_and_command_has_its_help_in_every_language() {
        let cmd = Cli::command();
        let ids = |c: &Command| {
            c.get_arguments()
                .map(|a| a.get_id().to_string())
                .collect::<Vec<_>>()
        };
        for a in ids(&cmd) {
            assert!(
                ARGS.iter().any(|(c, id, _)| c.is_empty() && *id == a),
                "{a}"
            );
        }
        for sc in cmd.get_subcommands() {
            assert!(
                COMMANDS.iter().any(|(n, _)| *n == sc.get_name()),
                "{}",
                sc.get_name()
            );
            for a in ids(sc) {
                // Global ones (-l, --questionnaires) come from the top level.
                if a == "lang" || a == "questionnaires" {
                    continue;
                }
                assert!(
                    ARGS.iter()
                        .any(|(c, id, _)| *c == sc.get_name() && *id == a),
                    "{} {a}",
                    sc.get_name()
                );
            }
        }
        for lang in Lang::ALL {
            command(lang).debug_assert();
        }
    }

    #[test]
    fn the_language_is_taken_from_the_arguments_first() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            lang_of_args(&args(&["saualnama", "-l", "ru", "--help"])),
            Lang::Ru
        );
        assert_eq!(
            lang_of_args(&args(&["saualnama", "--help", "--lang=kk"])),
            Lang::Kk
        );
        assert_eq!(
            lang_of_args(&args(&["saualnama", "summary", "-len", "-h"])),
            Lang::En
        );
    }
}
