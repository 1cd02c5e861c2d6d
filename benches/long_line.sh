#!/usr/bin/env bash
# One long line against the same text with its line breaks: `mtpe check` on articles of 1,
# 4 and 16 MB, each as written (a paragraph a line) and with every line break replaced by a
# space (one line, as scraped pages and minified exports arrive), run interleaved. Prints
# the median wall time of each, MB/s, the one-line / with-breaks ratio (target: at most 2,
# at 16 MB) and the peak memory against the file size (target: at most 3x).
#
#   benches/long_line.sh [RUNS]
#
# Two texts: the generated article of examples/gen_article.rs, and real machine translation
# (the sample article fixtures/cyberspace-review.mt.txt repeated to the size, or the file
# PROSE names). Environment: SIZES (MB, default "1 4 16"), FORMATS (default "json text"),
# GLOSSARY=1 to check with the shipped glossary (a fresh default glossary in a temporary
# data directory) instead of --no-glossary, COUNT=instructions to count instructions with
# callgrind (one run each, load-independent) instead of timing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
sizes=${SIZES:-1 4 16}
formats=${FORMATS:-json text}
prose=${PROSE:-fixtures/cyberspace-review.mt.txt}
cargo build --release --quiet --bin mtpe --example gen_article
mtpe=./target/release/mtpe
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

glossary_args=(--no-glossary)
if [ "${GLOSSARY:-0}" = 1 ]; then
  glossary_args=()
  export XDG_DATA_HOME="$dir/data"
  unset MTPE_GLOSSARY
fi

# Inputs: <kind>-<mb>.txt with line breaks, <kind>-<mb>.line.txt as one line.
for mb in $sizes; do
  bytes=$((mb * 1000000))
  ./target/release/examples/gen_article "$bytes" > "$dir/generated-$mb.txt"
  # The sample article repeated to the size, paragraphs separated by a blank line.
  : > "$dir/prose-$mb.txt"
  while [ "$(stat -c %s "$dir/prose-$mb.txt")" -lt "$bytes" ]; do
    cat "$prose" >> "$dir/prose-$mb.txt"
    echo >> "$dir/prose-$mb.txt"
  done
  for kind in generated prose; do
    tr '\n' ' ' < "$dir/$kind-$mb.txt" > "$dir/$kind-$mb.line.txt"
    echo >> "$dir/$kind-$mb.line.txt"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
now() { date +%s.%N; }

# One measurement of `mtpe check` on $1 in format $2: seconds (or instructions) and peak KB.
measure() {
  local file=$1 format=$2
  if [ "${COUNT:-time}" = instructions ]; then
    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
      "$mtpe" check "${glossary_args[@]}" --format "$format" "$file" > /dev/null 2> "$dir/cg.err" || true
    grep -o 'Collected : [0-9]*' "$dir/cg.err" | awk '{print $3}'
    echo 0
    return
  fi
  local t0 t1
  t0=$(now)
  /usr/bin/time -o "$dir/rss" -f '%M' "$mtpe" check "${glossary_args[@]}" --format "$format" \
    "$file" > /dev/null 2>&1 || true
  t1=$(now)
  echo "$t1 - $t0" | bc -l
  tail -1 "$dir/rss"
}

if [ "${COUNT:-time}" = instructions ]; then runs=1; fi
# A time in seconds, or an instruction count in millions.
show() {
  if [ "${COUNT:-time}" = instructions ]; then
    printf '%9.0f M' "$(echo "$1 / 1000000" | bc -l)"
  else
    printf '%9.3f s' "$1"
  fi
}
printf 'mtpe check %s, %s run(s) each, interleaved; medians\n' \
  "${glossary_args[*]:-with the shipped glossary}" "$runs"
printf '%-10s %4s %-6s %12s %12s %6s %7s %9s %9s\n' \
  text MB format "with breaks" "one line" ratio "MB/s" "RSS/size" "RSS/size"
printf '%-10s %4s %-6s %12s %12s %6s %7s %9s %9s\n' "" "" "" "" "" "" "(line)" "(breaks)" "(line)"
for kind in generated prose; do
  for mb in $sizes; do
    for format in $formats; do
      broken=(); joined=(); peak_b=0; peak_j=0
      for _ in $(seq "$runs"); do
        read -r t rss < <(measure "$dir/$kind-$mb.txt" "$format" | paste -sd' ')
        broken+=("$t"); [ "$rss" -gt "$peak_b" ] && peak_b=$rss
        read -r t rss < <(measure "$dir/$kind-$mb.line.txt" "$format" | paste -sd' ')
        joined+=("$t"); [ "$rss" -gt "$peak_j" ] && peak_j=$rss
      done
      m_b=$(printf '%s\n' "${broken[@]}" | median)
      m_j=$(printf '%s\n' "${joined[@]}" | median)
      bytes=$(stat -c %s "$dir/$kind-$mb.txt")
      speed=$(echo "$bytes / 1000000 / $m_j" | bc -l)
      printf '%-10s %4s %-6s %12s %12s %6.2f %7.1f %9.2f %9.2f\n' "$kind" "$mb" "$format" \
        "$(show "$m_b")" "$(show "$m_j")" "$(echo "$m_j / $m_b" | bc -l)" "$speed" \
        "$(echo "$peak_b * 1024 / $bytes" | bc -l)" "$(echo "$peak_j * 1024 / $bytes" | bc -l)"
    done
  done
done
echo "targets: one line <= 2x with breaks at 16 MB; time linear in the size; peak RSS <= 3x the file"
[ "${COUNT:-time}" = instructions ] && echo "(instructions: MB/s and memory columns are not measured)"
