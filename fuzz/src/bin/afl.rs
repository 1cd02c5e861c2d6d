//! The AFL++ driver: `afl <target>` runs one target in AFL's persistent mode.

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let Some(target) = mtpe_fuzz::target(&name) else {
        let names: Vec<&str> = mtpe_fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
        eprintln!("usage: afl TARGET   (one of: {})", names.join(", "));
        std::process::exit(2);
    };
    afl::fuzz!(|data: &[u8]| target(data));
}
