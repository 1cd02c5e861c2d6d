#!/usr/bin/env bash
# Whole processes on the same generated 10 MB XLIFF 1.2 (examples/gen_xliff.rs, ~40,000
# trans-units with inline codes), run interleaved: `xmllint --noout` against reading the
# file into units (examples/bilingual_roundtrip.rs), and `cp` of the file against reading
# it, editing one target and writing it back. Prints median wall and CPU (user+sys) times
# and their ratios (targets: reading <= 1x xmllint; the save alone is measured by
# `cargo bench --bench bilingual`, to compare with cp). With CALLGRIND=1 it also counts
# instructions, which do not depend on the machine's load.
#
#   nice benches/xliff_vs_xmllint.sh [SIZE_BYTES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-10000000}
runs=${2:-11}
command -v xmllint >/dev/null || { echo "needs xmllint (apt-get install libxml2-utils)" >&2; exit 1; }
cargo build --release --quiet --example gen_xliff --example bilingual_roundtrip
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
file="$dir/news.xlf"
./target/release/examples/gen_xliff "$size" > "$file"
units=$(./target/release/examples/bilingual_roundtrip "$file" 2>&1)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# Prints "wall cpu" in seconds for one run of the command.
timed() {
  /usr/bin/time -o "$dir/t" -f '%e %U %S' "$@" > /dev/null 2>&1
  awk '{printf "%s %.3f\n", $1, $2 + $3}' "$dir/t"
}

declare -A wall cpu
for _ in $(seq "$runs"); do
  for name in xmllint read cp roundtrip; do
    case $name in
      xmllint) r=$(timed xmllint --noout "$file") ;;
      read) r=$(timed ./target/release/examples/bilingual_roundtrip "$file") ;;
      cp) r=$(timed cp "$file" "$dir/copy.xlf") ;;
      roundtrip) r=$(timed ./target/release/examples/bilingual_roundtrip "$file" -o "$dir/saved.xlf") ;;
    esac
    wall[$name]+="${r% *} "
    cpu[$name]+="${r#* } "
  done
done
m() { tr ' ' '\n' <<< "$1" | grep -v '^$' | median; }
printf 'file: %d bytes, %s; %d interleaved runs\n' "$(stat -c %s "$file")" "$units" "$runs"
for name in xmllint read cp roundtrip; do
  printf '%-10s wall %.3f s  cpu %.3f s\n' "$name" "$(m "${wall[$name]}")" "$(m "${cpu[$name]}")"
done
printf 'read / xmllint: wall %.2f, cpu %.2f (target <= 1)\n' \
  "$(echo "$(m "${wall[read]}") / $(m "${wall[xmllint]}")" | bc -l)" \
  "$(echo "$(m "${cpu[read]}") / $(m "${cpu[xmllint]}")" | bc -l)"
if [ "${CALLGRIND:-0}" = 1 ]; then
  count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ {print $4}'; }
  x=$(count xmllint --noout "$file")
  u=$(count ./target/release/examples/bilingual_roundtrip "$file")
  printf 'instructions: xmllint %s, read %s, ratio %.2f\n' "$x" "$u" "$(echo "$u / $x" | bc -l)"
fi
