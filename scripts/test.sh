#!/usr/bin/env bash
# Installs everything a fresh Debian 12 machine needs and runs every test:
# type-check, unit tests (plain mocha), grammar tests, and the integration + UI
# tests inside a real VS Code (code-server's VS Code 1.100.3, driven by Debian
# Chromium).
# Ends with one line "total: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }
fail() { echo "error: $*" >&2; echo "total: 0 passed, 1 failed"; exit 1; }

step "installing npm dependencies"
npm ci --no-audit --no-fund || fail "npm ci failed"

step "installing the real VS Code (code-server) and Chromium"
bash test/harness/install-vscode.sh || fail "installing VS Code failed"

step "type-checking"
npm run --silent typecheck || fail "type errors"

step "building the extension and the CLI"
npm run --silent build || fail "build failed"
npm run --silent compile-tests || fail "compiling the tests failed"

log=$(mktemp)
trap 'rm -f "$log"' EXIT

step "unit tests"
node test/harness/run-unit.js 2>&1 | tee -a "$log"
unit_status=${PIPESTATUS[0]}

step "grammar tests (TextMate grammars in syntaxes/)"
node test/grammar/run.js 2>&1 | tee -a "$log"
grammar_status=${PIPESTATUS[0]}

step "integration and UI tests in a real VS Code"
node test/harness/run-integration.js 2>&1 | tee -a "$log"
integration_status=${PIPESTATUS[0]}

passed=0
failed=0
while read -r p f; do
  passed=$((passed + p))
  failed=$((failed + f))
done < <(grep -E '^(unit|grammar|integration): [0-9]+ passed, [0-9]+ failed' "$log" | sed -E 's/^[a-z]+: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/')

# A runner that died before printing its counts still fails the run.
if [ "$unit_status" -ne 0 ] && ! grep -qE '^unit: ' "$log"; then failed=$((failed + 1)); fi
if [ "$integration_status" -ne 0 ] && ! grep -qE '^integration: ' "$log"; then failed=$((failed + 1)); fi
if [ "$grammar_status" -ne 0 ] && ! grep -qE '^grammar: ' "$log"; then failed=$((failed + 1)); fi

echo
echo "total: ${passed} passed, ${failed} failed"
if [ "$unit_status" -ne 0 ] || [ "$grammar_status" -ne 0 ] || [ "$integration_status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
