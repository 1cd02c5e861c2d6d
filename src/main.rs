//! The `mtpe` binary: see the library crate for the layers, and `mtpe --help` for commands.

fn main() -> std::process::ExitCode {
    mtpe::cli::main()
}
