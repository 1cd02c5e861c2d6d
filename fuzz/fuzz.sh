#!/usr/bin/env bash
# mtpe's fuzzing on a stable toolchain, with AFL++ through afl.rs (see fuzz/README.md).
#   fuzz/fuzz.sh build                      the instrumented driver and the replay tool
#   fuzz/fuzz.sh run TARGET [EXECS] [SECS]  fuzz TARGET from fuzz/corpus/TARGET until EXECS
#                                           inputs (default 10,000,000) or SECS seconds
#   fuzz/fuzz.sh cmin TARGET                minimize what a run found into fuzz/corpus/TARGET
#   fuzz/fuzz.sh replay TARGET PATH...      run TARGET on files or folders, without AFL
# Runs are niced (the machine is shared); each input has a time limit (-t, ms) and the
# process a memory limit (-m, MB): a hang or an allocation past it is a finding.
set -euo pipefail
cd "$(dirname "$0")"
out=${FUZZ_OUT:-out}
timeout_ms=${FUZZ_TIMEOUT_MS:-2000}
memory_mb=${FUZZ_MEMORY_MB:-1024}
afl_bin=target/afl/release/afl
export AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  AFL_NO_UI=1 AFL_SHUFFLE_QUEUE=1

case "${1:-}" in
  build)
    command -v cargo-afl >/dev/null || cargo install cargo-afl --locked
    cargo afl config --build 2>/dev/null || true
    CARGO_TARGET_DIR=target/afl nice -n 19 cargo afl build --release --features afl --bin afl
    nice -n 19 cargo build --release --bin replay
    ;;
  run)
    target=$2 execs=${3:-10000000} secs=${4:-0}
    limit=(-E "$execs")
    [ "$secs" -gt 0 ] && limit+=(-V "$secs")
    mkdir -p "$out"
    nice -n 19 cargo afl fuzz -i "corpus/$target" -o "$out/$target" -t "$timeout_ms" \
      -m "$memory_mb" "${limit[@]}" -- "$afl_bin" "$target"
    ;;
  cmin)
    target=$2
    rm -rf "$out/$target.cmin"
    # afl.rs's afl-cmin wants the afl-showmap of its own AFL++ build, not an older one on
    # the PATH (Debian's lacks -I).
    for d in "${XDG_DATA_HOME:-$HOME/.local/share}"/afl.rs/rustc-*/afl.rs-*/afl/bin; do
      [ -x "$d/afl-showmap" ] && PATH="$d:$PATH"
    done
    nice -n 19 cargo afl cmin -i "$out/$target/default/queue" -o "$out/$target.cmin" \
      -t "$timeout_ms" -m "$memory_mb" -- "$afl_bin" "$target"
    rm -rf "corpus/$target" && mkdir -p "corpus/$target"
    # A seed keeps its name; what the fuzzer found is named by its content.
    for f in "$out/$target.cmin"/*; do
      case "$f" in
        *orig:*) name=${f##*orig:} ;;
        *) name=$(sha1sum "$f" | cut -c1-16) ;;
      esac
      cp "$f" "corpus/$target/$name"
    done
    ;;
  replay)
    shift
    nice -n 19 cargo run --quiet --release --bin replay -- "$@"
    ;;
  *)
    sed -n '2,10p' "$0" >&2
    exit 2
    ;;
esac
