#!/usr/bin/env bash
# End-to-end benchmark: generates 1,000 and 20,000 synthetic drafts
# (benches/corpus.rs) in a temporary folder and reports, for each corpus,
# factlint's wall time (best of RUNS), throughput and peak RSS, side by side
# with ripgrep counting the bundled rule set's trigger words in the same
# files in the same run; then the cold start of `factlint check` on one small
# draft. Needs `rg` and GNU time (/usr/bin/time); hyperfine is used for the
# cold start when installed. Debian: apt-get install ripgrep time hyperfine.
#
#     bash benches/e2e.sh            # RUNS=5 COUNTS="1000 20000" by default
#
# The numbers in docs/performance.md come from this script.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${RUNS:-5}"
counts="${COUNTS:-1000 20000}"
for tool in rg /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "error: $tool is needed (apt-get install ripgrep time)" >&2; exit 2; }
done

cargo build --release --quiet --bin factlint --example corpus
bin="$PWD/target/release/factlint"
corpus="$PWD/target/release/examples/corpus"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# What ripgrep searches for: every word that can make a draft about the
# bundled subject (its names, aliases and parties), case-insensitively: the
# least any tool must do to find the drafts that matter.
triggers=(-e treaty -e pact -e accord -e agreement -e partnership -e deal -e document
          -e comprehensive -e russia -e moscow -e kremlin -e putin -e iran -e tehran
          -e pezeshkian -e islamic)

# Best wall time in seconds of RUNS runs of a command, output discarded.
best_of() {
    local best="" start end t
    for _ in $(seq "$runs"); do
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        t=$(( end - start ))
        if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
    done
    awk -v ns="$best" 'BEGIN { printf "%.3f", ns / 1e9 }'
}

# Peak resident set size in MB of one run.
peak_rss() {
    { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null || true; } | tail -1 | awk '{ printf "%.1f", $1 / 1024 }'
}

echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf "| corpus | size | factlint | factlint MB/s | factlint peak RSS | rg | rg MB/s | rg peak RSS | factlint / rg |\n"
printf "|---|---|---|---|---|---|---|---|---|\n"
for n in $counts; do
    dir="$tmp/drafts-$n"
    "$corpus" "$dir" "$n" >/dev/null
    bytes=$(find "$dir" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    # Warm the page cache, so both tools read from memory.
    rg -c -i -F "${triggers[@]}" "$dir" >/dev/null || true
    f=$(best_of "$bin" check --format jsonl "$dir")
    r=$(best_of rg -c -i -F "${triggers[@]}" "$dir")
    f_rss=$(peak_rss "$bin" check --format jsonl "$dir")
    r_rss=$(peak_rss rg -c -i -F "${triggers[@]}" "$dir")
    awk -v n="$n" -v mb="$mb" -v f="$f" -v r="$r" -v fr="$f_rss" -v rr="$r_rss" 'BEGIN {
        printf "| %d drafts | %s MB | %.3f s | %.0f | %s MB | %.3f s | %.0f | %s MB | %.1f× |\n",
            n, mb, f, mb / f, fr, r, mb / r, rr, f / r }'
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Cold start: one small draft, the bundled rules.
draft="$tmp/one.md"
printf '# Russia and Iran\n\nThe Russia–Iran treaty, signed in Moscow on 17 January 2025, has 47 articles.\n' > "$draft"
if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 10 --runs 100 --style basic -i "$bin check $draft" 2>/dev/null | grep -E "Time|Range"
else
    echo "cold start, best of 100: $(RUNS=100 best_of "$bin" check "$draft") s"
fi
