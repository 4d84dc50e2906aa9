import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FORMATS } from '../../src/core/manifests';
import { REPO_ROOT } from './repo';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('architecture', () => {
  it('keeps src/core free of any vscode import, so the CLI and tests can use it', () => {
    const offenders = sourceFiles(path.join(REPO_ROOT, 'src', 'core')).filter((file) =>
      /from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)/.test(fs.readFileSync(file, 'utf8')),
    );
    assert.deepEqual(offenders, []);
  });
});

describe('extension manifest', () => {
  it('activates on every manifest format the core supports', () => {
    const packageJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { activationEvents: string[] };
    for (const format of MANIFEST_FORMATS) {
      assert.ok(packageJson.activationEvents.includes(`workspaceContains:${format.filePattern}`), `no activation event for ${format.filePattern}`);
    }
  });
});
