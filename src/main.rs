use clap::{CommandFactory, FromArgMatches};

fn main() -> std::process::ExitCode {
    // One allocator arena for the whole process. The editor's two other threads (the save's, the
    // terminal writer's) allocate little and seldom; with an arena each they held pages of their
    // own (the save's 52 KiB, docs/performance.md).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: a tuning call, made before any other thread exists.
    unsafe {
        nix::libc::mallopt(nix::libc::M_ARENA_MAX, 1);
    }
    let args = saualnama::cli::file_after_command(std::env::args_os().collect());
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
            saualnama::cli::help::command(lang)
                .try_get_matches_from(&args)
                .unwrap_or_else(|e| match saualnama::cli::help::error_text(&e, lang) {
                    Some(said) => {
                        eprintln!("{said}");
                        std::process::exit(e.exit_code())
                    }
                    None => e.exit(),
                })
        });
    let cli = saualnama::cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    saualnama::cli::run(cli)
}

// The only two functions of the C maths library the program calls: ratatui-textarea counts a line
// number's digits with log10, the zip writer's compressor its entropy with log2. Defined here (the
// `libm` crate: musl's, which gives log10(10^n) = n exactly, as glibc's does), the linker needs no
// libm.so, and no start pays to load and map it (0.4 MB resident, docs/performance.md).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[unsafe(no_mangle)]
pub extern "C" fn log10(x: f64) -> f64 {
    libm::log10(x)
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[unsafe(no_mangle)]
pub extern "C" fn log2(x: f64) -> f64 {
    libm::log2(x)
}
