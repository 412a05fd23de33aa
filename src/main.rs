// The C library calls `main` below directly, not through the standard library's start-up, which
// reads all of /proc/self/maps to find the main thread's stack (for its overflow message) before the
// first line of the program: a fifth of a millisecond of every start, 6 % of the time to the first
// frame (docs/performance.md). `start_up` does what of that start-up the program relies on.
#![no_main]

use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

#[unsafe(no_mangle)]
pub extern "C" fn main(
    _argc: std::ffi::c_int,
    _argv: *const *const std::ffi::c_char,
) -> std::ffi::c_int {
    start_up();
    // A panic is not to unwind into the C library: said by the hook (and the terminal given back
    // by the editor's own), and ended with the standard library's code for it.
    let code = std::panic::catch_unwind(run).unwrap_or(ExitCode::from(101));
    // `exit` flushes standard output, as returning from a Rust `main` does.
    std::process::exit(exit_status(code))
}

/// What the standard library's start-up would have done that the program needs: a closed standard
/// descriptor is opened on /dev/null (else the next file opened, the report, would take its number,
/// and a message written to stdout would land in it), and a write to a closed pipe is an error to
/// handle (`saualnama outline | head` ends quietly), not the end of the process.
fn start_up() {
    use nix::libc;
    for fd in 0..3 {
        // SAFETY: fcntl on a descriptor number only asks about it.
        if unsafe { libc::fcntl(fd, libc::F_GETFD) } == -1 {
            // SAFETY: the path is a C string; the descriptor opened is the lowest free, `fd`.
            unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) };
        }
    }
    // SAFETY: setting a signal's disposition to ignore, before any other thread exists.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    name_the_main_thread_in_panics();
}

/// A panic's message names its thread. The standard library's start-up is what names the main
/// thread «main»; without it the message a user copies into a report of the fault would say
/// «<unnamed>». The message is otherwise the standard library's, its backtrace included when
/// `RUST_BACKTRACE` asks for it. (The editor's own hook gives the terminal back first, then calls
/// this one.)
fn name_the_main_thread_in_panics() {
    let std_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // SAFETY: gettid only reads the calling thread's id.
        let tid = unsafe { nix::libc::gettid() };
        // The main thread's id is the process's.
        let main = std::thread::current().name().is_none() && tid as u32 == std::process::id();
        if !main {
            return std_hook(info);
        }
        let payload = info.payload();
        let what = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("Box<dyn Any>");
        let at = info
            .location()
            .map(|l| format!(" at {l}"))
            .unwrap_or_default();
        let trace = std::backtrace::Backtrace::capture();
        let trace = match trace.status() {
            std::backtrace::BacktraceStatus::Captured => format!("stack backtrace:\n{trace}"),
            _ => "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n"
                .to_owned(),
        };
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            format!("\nthread 'main' ({tid}) panicked{at}:\n{what}\n{trace}").as_bytes(),
        );
    }));
}

/// The status an `ExitCode` stands for (the standard library does not give it out).
fn exit_status(code: ExitCode) -> i32 {
    (0..=u8::MAX)
        .find(|&n| ExitCode::from(n) == code)
        .map_or(1, i32::from)
}

fn run() -> ExitCode {
    // One allocator arena for the whole process. The editor's two other threads (the save's, the
    // terminal writer's) allocate little and seldom; with an arena each they held pages of their
    // own (the save's 52 KiB, docs/performance.md).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: a tuning call, made before any other thread exists.
    unsafe {
        nix::libc::mallopt(nix::libc::M_ARENA_MAX, 1);
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(cli) = saualnama::cli::common_command_line(&args) {
        return saualnama::cli::run(cli);
    }
    let args = saualnama::cli::file_after_command(args);
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
                .unwrap_or_else(|e| {
                    match saualnama::cli::help::error_text(&e, lang) {
                        Some(said) => saualnama::output::say(format_args!("{said}")),
                        // --help, --version, and what clap alone says. A write that fails (a full
                        // disk, `> /dev/full`) is said, as every command's output is.
                        None => {
                            if let Err(err) = e.print()
                                && !e.use_stderr()
                            {
                                saualnama::output::say(format_args!("saualnama: stdout: {err}"));
                                std::process::exit(1)
                            }
                        }
                    }
                    std::process::exit(e.exit_code())
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
