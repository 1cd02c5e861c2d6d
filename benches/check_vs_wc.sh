#!/usr/bin/env bash
# Whole-process throughput of `mtpe check --no-glossary` against `wc -w` (one plain
# tokenising pass) on the same generated 10 MB article, run interleaved; prints the median
# wall time of each, their ratio, and mtpe's peak memory against the file size.
#
#   benches/check_vs_wc.sh [SIZE_BYTES] [RUNS]
#
# The article comes from examples/gen_article.rs (English-like prose with injected
# repetitions, duplicated headings, cut-off paragraphs); pass ARTICLE=path to use another.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-10000000}
runs=${2:-11}
cargo build --release --quiet --bin mtpe --example gen_article
article=${ARTICLE:-$(mktemp --suffix=.txt)}
if [ -z "${ARTICLE:-}" ]; then
  ./target/release/examples/gen_article "$size" > "$article"
fi
bytes=$(stat -c %s "$article")

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
now() { date +%s.%N; }

mtpe_times=(); wc_times=(); peak=0
for _ in $(seq "$runs"); do
  t0=$(now); wc -w "$article" > /dev/null; t1=$(now)
  wc_times+=("$(echo "$t1 - $t0" | bc -l)")
  t0=$(now)
  /usr/bin/time -o "$article.rss" -f '%M' ./target/release/mtpe check --no-glossary --format json "$article" > /dev/null 2>&1 || true
  t1=$(now)
  mtpe_times+=("$(echo "$t1 - $t0" | bc -l)")
  rss=$(tail -1 "$article.rss")
  [ "$rss" -gt "$peak" ] && peak=$rss
done
m_mtpe=$(printf '%s\n' "${mtpe_times[@]}" | median)
m_wc=$(printf '%s\n' "${wc_times[@]}" | median)
printf 'article: %s (%d bytes), %d interleaved runs\n' "$article" "$bytes" "$runs"
printf 'wc -w                      median %.3f s\n' "$m_wc"
printf 'mtpe check --no-glossary   median %.3f s\n' "$m_mtpe"
printf 'ratio mtpe / wc -w         %.2f (target <= 4)\n' "$(echo "$m_mtpe / $m_wc" | bc -l)"
printf 'mtpe peak RSS              %d KB = %.2f x file size (target <= 3)\n' "$peak" "$(echo "$peak * 1024 / $bytes" | bc -l)"
rm -f "$article.rss"
[ -z "${ARTICLE:-}" ] && rm -f "$article"
