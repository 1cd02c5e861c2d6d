#!/usr/bin/env bash
# `mtpe check` on the generated 10 MB XLIFF 1.2 (examples/gen_xliff.rs) against `mtpe check`
# on its targets as plain text, one a line (written by examples/bilingual_edit_timing.rs),
# with the default checks and with spelling and grammar off (`ignore` in a configuration
# file), as whole processes run interleaved. Prints median wall and CPU (user+sys) times and
# the ratios (target: the XLIFF <= 2x its targets). Give several mtpe binaries (a build of
# main and one of a branch, say) to compare them under the same load; each gets its own
# lines. The bilingual edit timings (first frame, save against a copy) are
# `examples/bilingual_edit_timing.rs`.
#
#   nice benches/bilingual_check_vs_text.sh [RUNS] [MTPE...]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
shift || true
cargo build --release --quiet --bin mtpe --example gen_xliff --example bilingual_edit_timing
bins=("$@")
[ ${#bins[@]} -gt 0 ] || bins=(./target/release/mtpe)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
./target/release/examples/gen_xliff 10000000 > "$dir/news.xlf"
./target/release/examples/bilingual_edit_timing "$dir/news.xlf" "$dir/targets.txt" > /dev/null
printf 'ignore = ["spelling", "grammar"]\n' > "$dir/nospell.toml"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
timed() {
  /usr/bin/time -o "$dir/t" -f '%e %U %S' "$@" > /dev/null 2>&1 || true
  awk '{printf "%s %.3f\n", $1, $2 + $3}' "$dir/t"
}
declare -A wall cpu
for _ in $(seq "$runs"); do
  for b in "${!bins[@]}"; do
    for mode in default nospell; do
      case $mode in
        default) config=(--no-config) ;;
        nospell) config=(--config "$dir/nospell.toml") ;;
      esac
      for input in news.xlf targets.txt; do
        r=$(timed "${bins[$b]}" check "${config[@]}" "$dir/$input")
        key="$b $mode $input"
        wall[$key]+="${r% *} "
        cpu[$key]+="${r#* } "
      done
    done
  done
done
m() { tr ' ' '\n' <<< "$1" | grep -v '^$' | median; }
printf '%d interleaved runs; medians in seconds\n' "$runs"
for b in "${!bins[@]}"; do
  for mode in default nospell; do
    xw=$(m "${wall[$b $mode news.xlf]}"); xc=$(m "${cpu[$b $mode news.xlf]}")
    tw=$(m "${wall[$b $mode targets.txt]}"); tc=$(m "${cpu[$b $mode targets.txt]}")
    printf '%s %-8s xliff wall %.3f cpu %.3f | targets wall %.3f cpu %.3f | ratio wall %.2f cpu %.2f\n' \
      "${bins[$b]}" "$mode" "$xw" "$xc" "$tw" "$tc" \
      "$(echo "$xw / $tw" | bc -l)" "$(echo "$xc / $tc" | bc -l)"
  done
done
