use clap::FromArgMatches;

fn main() -> std::process::ExitCode {
    // --help in the interface language: the language is known before the arguments are parsed.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let text: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let lang = saualnama::cli::help::lang_of_args(&text);
    let matches = saualnama::cli::help::command(lang).get_matches_from(args);
    let cli = saualnama::cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    saualnama::cli::run(cli)
}
