#!/usr/bin/env bash
# Installs a real VS Code (1.100.3, the one bundled by code-server 4.100.3) into
# .vscode-test/code-server/ so the integration and UI tests can run offline.
# Follows shared/TESTING.md steps 1-5. Idempotent: a marker file records a
# complete install; when it matches, nothing is done.
#
#   bash test/harness/install-vscode.sh          # install or skip
#   OSPO_VSCODE_REINSTALL=1 bash ...             # wipe and install again
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="$REPO/.vscode-test/code-server"
MARKER="$DEST/.installed"
LOG="$REPO/.vscode-test/install-vscode.log"
# Native modules are built for one Node ABI: a Node upgrade must reinstall.
WANT="code-server@$CODE_SERVER_VERSION node-abi=$(node -p process.versions.modules)"

say() { echo "[install-vscode] $*"; }
fail() {
  say "FAILED: $*" >&2
  [ -f "$LOG" ] && { say "last lines of $LOG:" >&2; tail -n 25 "$LOG" >&2; }
  exit 1
}
# Runs a command with its (noisy) output going to the log only.
run() { echo "+ $*" >>"$LOG"; "$@" >>"$LOG" 2>&1 || fail "'$*' (in $(pwd))"; }

if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$WANT" ] && [ -z "${OSPO_VSCODE_REINSTALL:-}" ]; then
  say "$WANT already installed in $DEST (skipping)"
  exit 0
fi
START=$(date +%s)
mkdir -p "$REPO/.vscode-test"
: >"$LOG"

# --- Step 1: Debian packages (browser, Kerberos headers for the `kerberos`
# native module, ripgrep instead of @vscode/ripgrep's GitHub download) plus the
# build tools node-gyp needs, should a machine lack them.
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
need=()
for p in chromium libkrb5-dev ripgrep; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
command -v make >/dev/null || need+=(make)
command -v g++ >/dev/null || need+=(g++)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  say "apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  run $SUDO apt-get update
  run $SUDO apt-get install -y --no-install-recommends "${need[@]}"
else
  say "Debian packages present (chromium, libkrb5-dev, ripgrep)"
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium missing after apt install"
[ -x /usr/bin/rg ] || fail "/usr/bin/rg missing after apt install"

# --- Steps 2 and 5: npm settings for the native builds.
export npm_config_yes=true          # node-pty's install runs `npx node-gyp`; no tty to confirm
export npm_config_unsafe_perm=true  # code-server's scripts refuse to run as root without it
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# node-gyp must build against the headers of the Node that runs (there is no
# internet to download them). Use the running Node's own include dir if present.
if [ -z "${npm_config_nodedir:-}" ]; then
  NODE_PREFIX="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  if [ -f "$NODE_PREFIX/include/node/node_version.h" ]; then
    export npm_config_nodedir="$NODE_PREFIX"
  fi
fi

# npm 11 gates dependency install scripts by an `allowScripts` map in the
# project's package.json ("npm warn install-scripts ..."): npm 11.19 still runs
# unreviewed ones with a warning, but a stricter default would silently skip
# them and leave code-server without its native modules. So we approve exactly
# the packages we need in the package.json files we run npm in (older npm
# ignores the field), and check below that the .node files were really built.
allow_scripts() { # <package.json> <name=true|false>...
  node -e '
    const fs = require("fs"); const [file, ...pairs] = process.argv.slice(1);
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    pkg.allowScripts = pkg.allowScripts || {};
    for (const p of pairs) { const i = p.lastIndexOf("="); pkg.allowScripts[p.slice(0, i)] = p.slice(i + 1) === "true"; }
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");' "$@"
}

# --- Step 3: code-server itself, without its postinstall (it would download
# from GitHub); then build its one native module, argon2.
say "installing code-server@$CODE_SERVER_VERSION into $DEST (log: $LOG)"
rm -rf "$DEST"   # a partial install (no marker) is never reused
mkdir -p "$DEST"
cd "$DEST"
echo '{ "name": "ospo-lens-vscode-test", "private": true }' >package.json
allow_scripts package.json argon2=true code-server=false
# (playwright-core, also named in TESTING.md, is not installed here: the
# harness requires the repository's own devDependency.)
run npm install --ignore-scripts "code-server@$CODE_SERVER_VERSION"
say "building argon2"
run npm rebuild argon2

# --- Step 4: VS Code's own dependencies inside code-server (what its
# postinstall.sh does, minus the downloads).
VSC="$DEST/node_modules/code-server/lib/vscode"
[ -d "$VSC" ] || fail "$VSC not found: is code-server@$CODE_SERVER_VERSION's layout different?"
cd "$VSC"
say "installing VS Code server dependencies"
allow_scripts package.json \
  node-pty=true @vscode/spdlog=true native-watchdog=true kerberos=true @parcel/watcher=true \
  @vscode/deviceid=true @vscode/windows-process-tree=true @vscode/windows-registry=true \
  @vscode/ripgrep=false
run npm install --omit=dev --ignore-scripts
# Debian's rg instead of the GitHub download (its postinstall also skips when bin/ exists).
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sfn /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
say "building native modules (node-pty, spdlog, kerberos, ...; takes a while)"
run npm rebuild
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
say "installing built-in extensions' dependencies"
(cd extensions && run npm install --omit=dev)

# --- Check the result before writing the marker.
for m in node_modules/node-pty/build/Release/pty.node \
         node_modules/@vscode/spdlog/build/Release/spdlog.node \
         node_modules/native-watchdog/build/Release/watchdog.node \
         node_modules/kerberos/build/Release/kerberos.node; do
  [ -f "$VSC/$m" ] || fail "native module not built: $VSC/$m (were install scripts skipped? see $LOG)"
done
ls "$DEST"/node_modules/argon2/lib/binding/*/argon2.node >/dev/null 2>&1 ||
  fail "argon2 native module not built (see $LOG)"
node "$DEST/node_modules/code-server/out/node/entry.js" --version >>"$LOG" 2>&1 ||
  fail "code-server does not start (--version)"

echo "$WANT" >"$MARKER"
say "done: $WANT in $(( $(date +%s) - START )) s"
