use clap::Parser;

fn main() -> std::process::ExitCode {
    saualnama::cli::run(saualnama::cli::Cli::parse())
}
