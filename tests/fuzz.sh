#!/usr/bin/env bash
# Runs each fuzz target in fuzz/ for a bounded time (FUZZ_SECONDS, default
# 20), installing cargo-fuzz first if it is missing. cargo-fuzz needs
# nightly-only compiler flags; RUSTC_BOOTSTRAP=1 lets the stable compiler
# accept them. A crash fails the run and leaves its input in
# fuzz/artifacts/<target>/: copy it to fuzz/regressions/<target>/ once fixed,
# where tests/fuzz_regressions.rs feeds it to the same checks on every test run.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-20}"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

cd fuzz
cargo fuzz build -O
for target in markdown html numbers dates rules fix; do
    mkdir -p "corpus/$target"
    # Seed with the inputs that once crashed, and for the readers the drafts.
    cp -n regressions/"$target"/* "corpus/$target/" 2>/dev/null || true
    case "$target" in
        markdown) cp -n ../tests/drafts/*.md ../examples/*/*.md "corpus/$target/" 2>/dev/null || true ;;
        html) cp -n ../tests/drafts/*.html ../examples/*/*.html "corpus/$target/" 2>/dev/null || true ;;
        rules) cp -n ../rules/*.yaml ../examples/*/*.yaml "corpus/$target/" 2>/dev/null || true ;;
        # any bytes do as a header (markup, pick, length, replacement length)
        fix) for draft in ../tests/drafts/*.md ../tests/drafts/*.html; do
                 { printf '\001\020\000\002\002 7'; cat "$draft"; } > "corpus/$target/$(basename "$draft")"
             done ;;
    esac
    echo "fuzzing $target for ${seconds}s"
    cargo fuzz run -O "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=0
done
echo "fuzzing: no crashes"
