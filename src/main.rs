use clap::{CommandFactory, FromArgMatches};

fn main() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The command line as it is nearly always given is read by the bare command. Only what the
    // user is to read (--help, --version, a mistake) is read again by the command with its help in
    // the interface language: that one takes longer to build than the rest of the start to the
    // first frame's form, and it reads any command line the bare one reads alike.
    let matches = saualnama::cli::Cli::command()
        .disable_help_subcommand(true)
        .try_get_matches_from(&args)
        .unwrap_or_else(|_| {
            let text: Vec<String> = args
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            let lang = saualnama::cli::help::lang_of_args(&text);
            saualnama::cli::help::command(lang).get_matches_from(&args)
        });
    let cli = saualnama::cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    saualnama::cli::run(cli)
}
