#!/usr/bin/env bash
# Two factlint binaries side by side on the same inputs in the same run:
#
#     bash benches/compare.sh OLD_BIN NEW_BIN     # or: bash benches/e2e.sh --compare OLD_BIN NEW_BIN
#     ROUNDS=7 COUNT=20000 LARGE_RUNS=21 SEED=7   # the defaults
#
# 1. Generates COUNT drafts with this tree's corpus generator
#    (benches/corpus.rs), warms the page cache, and runs
#    `BIN check --format jsonl DIR` ROUNDS times for each binary, interleaved:
#    old, new, old, new, ... Each run's wall time, CPU time (user + system,
#    from GNU time) and the 1-minute load average at its start are recorded.
# 2. Builds one 1 MB Markdown draft about the subject (the corpus's Markdown
#    drafts that name the treaty, end to end, cut at a line to 1 MiB) and
#    runs `BIN check --format jsonl FILE` LARGE_RUNS times for each, again
#    interleaved.
# 3. Times each reading stage of this tree on that draft (STAGES=0 skips it):
#    `cargo bench --bench throughput -- FILE`.
#
# Prints per-round lines, then a table: median and best wall time, MB/s at
# the median, median CPU time, and new / old for each. A ratio below 1.00
# means the new binary is faster. The machine may be shared: the load average
# is printed with every round; read the figures with it.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -eq 2 ] || { echo "usage: bash benches/compare.sh OLD_BIN NEW_BIN" >&2; exit 2; }
old="$(realpath "$1")"
new="$(realpath "$2")"
for b in "$old" "$new"; do
    [ -x "$b" ] || { echo "error: $b is not an executable" >&2; exit 2; }
done
command -v /usr/bin/time >/dev/null || { echo "error: GNU time is needed (apt-get install time)" >&2; exit 2; }

rounds="${ROUNDS:-7}"
count="${COUNT:-20000}"
large_runs="${LARGE_RUNS:-21}"
seed="${SEED:-7}"

cargo build --release --quiet --example corpus
corpus="$PWD/target/release/examples/corpus"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

load1() { cut -d' ' -f1 /proc/loadavg; }

# One run of a command: prints "WALL_NS CPU_S" (CPU = user + system).
# Output is discarded; a non-zero exit (findings) is expected.
run_once() {
    local start end cpu
    start=$(date +%s%N)
    /usr/bin/time -o "$tmp/time" -f "%U %S" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    cpu=$(tail -1 "$tmp/time")
    awk -v w=$(( end - start )) -v c="$cpu" 'BEGIN { split(c, a, " "); printf "%.0f %.2f\n", w, a[1] + a[2] }'
}

# Median and minimum of the numbers on stdin, one a line: "MEDIAN MIN".
stats() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR % 2) m = v[(NR + 1) / 2]; else m = (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%s %s\n", m, v[1] }'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "old: $old"
echo "new: $new"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

dir="$tmp/drafts"
"$corpus" "$dir" "$count" "$seed" >/dev/null
bytes=$(find "$dir" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
cat $(find "$dir" -type f | sort) >/dev/null   # page cache

# The same findings? Not asserted (the reading changed on purpose); counted.
of=$("$old" check --format jsonl "$dir" 2>/dev/null | wc -l || true)
nf=$("$new" check --format jsonl "$dir" 2>/dev/null | wc -l || true)

echo
echo "corpus: $count drafts, $mb MB (seed $seed); findings: old $of, new $nf"
echo "round  load1  old wall  old cpu  new wall  new cpu"
: >"$tmp/c.old"; : >"$tmp/c.new"; : >"$tmp/load"
for r in $(seq "$rounds"); do
    l=$(load1); echo "$l" >>"$tmp/load"
    read -r ow oc <<<"$(run_once "$old" check --format jsonl "$dir")"
    read -r nw nc <<<"$(run_once "$new" check --format jsonl "$dir")"
    echo "$ow $oc" >>"$tmp/c.old"; echo "$nw $nc" >>"$tmp/c.new"
    awk -v r="$r" -v l="$l" -v ow="$ow" -v oc="$oc" -v nw="$nw" -v nc="$nc" 'BEGIN {
        printf "%5d  %5s  %7.3f s  %5.2f s  %7.3f s  %5.2f s\n", r, l, ow / 1e9, oc, nw / 1e9, nc }'
done
read -r cow_med cow_min <<<"$(cut -d' ' -f1 "$tmp/c.old" | stats)"
read -r cnw_med cnw_min <<<"$(cut -d' ' -f1 "$tmp/c.new" | stats)"
read -r coc_med _ <<<"$(cut -d' ' -f2 "$tmp/c.old" | stats)"
read -r cnc_med _ <<<"$(cut -d' ' -f2 "$tmp/c.new" | stats)"
cload=$(sort -g "$tmp/load" | awk '{ v[NR] = $1 } END { printf "%s–%s", v[1], v[NR] }')

# One 1 MiB Markdown draft about the subject, from the corpus's own drafts.
large="$tmp/large.md"
: >"$large.part"
for f in $(grep -l -i -F treaty $(find "$dir" -type f -name '*.md' | sort)); do
    { cat "$f"; echo; } >>"$large.part"
    [ "$(stat -c %s "$large.part")" -ge 1048576 ] && break
done
[ "$(stat -c %s "$large.part")" -ge 1048576 ] || { echo "error: the corpus has under 1 MiB of drafts about the subject; raise COUNT" >&2; exit 2; }
head -c 1048576 "$large.part" | sed '$d' >"$large"   # whole lines only
rm -f "$large.part"
lbytes=$(stat -c %s "$large")
lof=$("$old" check --format jsonl "$large" 2>/dev/null | wc -l || true)
lnf=$("$new" check --format jsonl "$large" 2>/dev/null | wc -l || true)

echo
echo "one draft about the subject: $lbytes bytes of Markdown; findings: old $lof, new $lnf"
: >"$tmp/l.old"; : >"$tmp/l.new"; : >"$tmp/lload"
"$old" check --format jsonl "$large" >/dev/null 2>&1 || true   # warm
"$new" check --format jsonl "$large" >/dev/null 2>&1 || true
for _ in $(seq "$large_runs"); do
    load1 >>"$tmp/lload"
    run_once "$old" check --format jsonl "$large" >>"$tmp/l.old"
    run_once "$new" check --format jsonl "$large" >>"$tmp/l.new"
done
read -r low_med low_min <<<"$(cut -d' ' -f1 "$tmp/l.old" | stats)"
read -r lnw_med lnw_min <<<"$(cut -d' ' -f1 "$tmp/l.new" | stats)"
read -r loc_med _ <<<"$(cut -d' ' -f2 "$tmp/l.old" | stats)"
read -r lnc_med _ <<<"$(cut -d' ' -f2 "$tmp/l.new" | stats)"
lload=$(sort -g "$tmp/lload" | awk '{ v[NR] = $1 } END { printf "%s–%s", v[1], v[NR] }')

echo
echo "| input | binary | median wall | best wall | MB/s (median) | median CPU | load1 |"
echo "|---|---|---|---|---|---|---|"
awk -v n="$count" -v mb="$mb" -v om="$cow_med" -v ob="$cow_min" -v nm="$cnw_med" -v nb="$cnw_min" \
    -v oc="$coc_med" -v nc="$cnc_med" -v l="$cload" -v r="$rounds" 'BEGIN {
    printf "| %d drafts, %s MB, %d rounds | old | %.3f s | %.3f s | %.0f | %.2f s | %s |\n", n, mb, r, om / 1e9, ob / 1e9, mb * 1e9 / om, oc, l
    printf "| | new | %.3f s | %.3f s | %.0f | %.2f s | %s |\n", nm / 1e9, nb / 1e9, mb * 1e9 / nm, nc, l
    printf "| | **new / old** | **%.2f** | %.2f | %.2f | %.2f | |\n", nm / om, nb / ob, om / nm, nc / oc }'
awk -v lb="$lbytes" -v om="$low_med" -v ob="$low_min" -v nm="$lnw_med" -v nb="$lnw_min" -v oc="$loc_med" -v nc="$lnc_med" -v l="$lload" -v r="$large_runs" 'BEGIN {
    printf "| one 1 MB draft, %d runs | old | %.1f ms | %.1f ms | %.1f | %.2f s | %s |\n", r, om / 1e6, ob / 1e6, lb * 1e3 / om, oc, l
    printf "| | new | %.1f ms | %.1f ms | %.1f | %.2f s | %s |\n", nm / 1e6, nb / 1e6, lb * 1e3 / nm, nc, l
    printf "| | **new / old** | **%.2f** | %.2f | %.2f | %.2f | |\n", nm / om, nb / ob, om / nm, (oc > 0 ? nc / oc : 0) }'
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Where the time of the 1 MB draft goes, stage by stage, in this tree's
# reading (benches/throughput.rs; best of 20 runs each).
if [ "${STAGES:-1}" = 1 ]; then
    echo
    echo "this tree's reading of the 1 MB draft, by stage:"
    cargo bench --quiet --bench throughput -- "$large" 2>/dev/null || echo "(the stage bench did not run)"
fi
