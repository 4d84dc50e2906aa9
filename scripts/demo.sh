#!/usr/bin/env bash
# Try OSPO Lens in a real VS Code in your browser, on a fresh machine:
#   bash scripts/demo.sh          (OSPO_DEMO_PORT=8080 bash scripts/demo.sh for a fixed port)
# Installs what is missing, builds the extension, starts code-server with the
# demo/ folder and prints the URL to open. Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# npm ci only when needed: no node_modules, or package-lock.json changed since
# the last install (npm writes node_modules/.package-lock.json on each install).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[demo] npm ci"
  npm ci
fi
bash test/harness/install-vscode.sh
echo "[demo] npm run build"
npm run build
# exec: Ctrl+C reaches demo.js directly, which stops code-server cleanly.
exec node test/harness/demo.js
