#!/usr/bin/env bash
# The pre-commit hook, run for real: pre-commit clones this checkout at HEAD
# (so only committed changes are tested), builds factlint with
# `cargo install`, and runs it on commits in a throwaway repository. A
# contradicting draft must block the commit with the diagnostic; a
# consistent one must go through.
set -euo pipefail

checkout="$(cd "$(dirname "$0")/.." && pwd)"
rev="$(git -C "$checkout" rev-parse HEAD)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
export PATH="$work/venv/bin:$PATH"
export PRE_COMMIT_HOME="$work/cache"
# pre-commit's `cargo install` builds the release profile. Unoptimised, and
# in a target folder kept between runs, that takes a minute or two instead
# of several on a small machine.
export CARGO_TARGET_DIR="$checkout/target/precommit"
export CARGO_PROFILE_RELEASE_OPT_LEVEL=0
export CARGO_PROFILE_RELEASE_DEBUG=false

repo="$work/repo"
git init --quiet "$repo"
cd "$repo"
git config user.name "factlint test"
git config user.email "factlint-test@example.invalid"
git config commit.gpgsign false
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $checkout
    rev: $rev
    hooks:
      - id: factlint
YAML
git add .pre-commit-config.yaml
git commit --quiet --no-verify -m "pre-commit configuration"
pre-commit install >/dev/null

draft() {
    printf '# Russia and Iran sign a pact\n\nRussia and Iran signed a strategic partnership treaty in Moscow on 17 January 2025. The treaty has %s articles and runs for 20 years. It contains no mutual-defense clause.\n' "$1" > draft.md
}

fail() {
    echo "precommit.sh: $*" >&2
    exit 1
}

draft 45
git add draft.md
if git commit -m "contradicting draft" > "$work/out" 2>&1; then
    cat "$work/out"
    fail "the hook let a contradicting draft through"
fi
grep -q 'error\[ru-ir-treaty/article-count\]: "45 articles" contradicts the source, which says 47 articles' "$work/out" \
    || { cat "$work/out"; fail "the hook failed without the diagnostic"; }
grep -q -- '--> draft.md:3:100' "$work/out" \
    || { cat "$work/out"; fail "the diagnostic does not point at draft.md:3:100"; }

draft 47
git add draft.md
git commit -m "consistent draft" > "$work/out" 2>&1 \
    || { cat "$work/out"; fail "the hook blocked a consistent draft"; }
grep -q '^factlint.*Passed$' "$work/out" \
    || { cat "$work/out"; fail "the hook did not run on the consistent draft"; }

echo "the pre-commit hook blocks a contradicting draft and passes a consistent one"
echo "precommit: 1 passed, 0 failed"
