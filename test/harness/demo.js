'use strict';
// The long-running part of scripts/demo.sh: code-server with the repository's
// demo/ folder open and OSPO Lens loaded from this working tree (payload
// extensionDevelopmentPath), until Ctrl+C. OSPO_DEMO_PORT fixes the port.
const fs = require('fs');
const os = require('os');
const path = require('path');
const cs = require('./code-server');

const REPO = path.resolve(__dirname, '..', '..');

async function main() {
  const port = process.env.OSPO_DEMO_PORT ? Number(process.env.OSPO_DEMO_PORT) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new Error(`OSPO_DEMO_PORT must be a port number, not "${process.env.OSPO_DEMO_PORT}"`);
  }
  const folder = path.join(REPO, 'demo');
  if (!fs.existsSync(folder)) throw new Error(`${folder} not found`);
  // Server profile, settings and logs in a temp folder: each demo starts clean.
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-demo-'));
  let server;
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    if (server) await server.stop();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => { console.log('\nstopping...'); stop(0); });
  process.on('SIGTERM', () => stop(0));
  process.on('SIGHUP', () => stop(0));
  // trust: false starts code-server with --disable-workspace-trust, so the demo
  // folder is trusted without a "Do you trust the authors?" dialog and the demo
  // shows every feature. (Restricted Mode is covered by the tests, not the demo.)
  server = await cs.startCodeServer({ tmpRoot, trust: false, port });
  const url = cs.payloadUrl(server.origin, { folder, extensionDevelopmentPath: REPO });
  console.log(`OSPO Lens demo running. Open this URL in a browser (Ctrl+C to stop):\n${url}`);
  const ended = await server.exited;
  if (stopping) return; // Ctrl+C: stop() exits
  console.error(`code-server stopped unexpectedly (${JSON.stringify(ended)}); log: ${server.logFile}`);
  process.exit(1);
}

main().catch((e) => {
  console.error(`demo: ${e.message}`);
  process.exit(1);
});
