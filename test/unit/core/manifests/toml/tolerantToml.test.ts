import * as assert from 'node:assert/strict';
import { parseTomlTolerant, type TomlProgram } from '../../../../../src/core/manifests/toml/tolerantToml';

function tableNames(programs: readonly TomlProgram[], text: string): string[] {
  return programs
    .flatMap((program) => program.body[0]?.body ?? [])
    .flatMap((node) => (node.type === 'TOMLTable' ? [text.slice(node.key.range[0], node.key.range[1])] : []));
}

describe('tolerant TOML reader', () => {
  it('keeps the other tables of a broken document that holds a value nested thousands of levels deep', () => {
    // Found by fuzzing: moving a section's nodes into place recursed per level and overflowed the stack.
    const text = `[a]\nb = ${'['.repeat(5000)}${']'.repeat(5000)}\n[broken\n[dependencies]\nserde = "1"\n`;
    const result = parseTomlTolerant(text);
    assert.deepEqual(tableNames(result.programs, text), ['a', 'dependencies']);
    assert.equal(result.errors.length, 1);
  });

  it('does not take an array element starting a line for a table header when another table is broken', () => {
    // Found by fuzzing (ripgrep's Cargo.toml): `["target/release/rg", …],` split its table in two and lost it.
    const text = '[package]\nname = "x\n\n[package.metadata.deb]\nassets = [\n  ["target/release/rg", "usr/bin/", "755"],\n]\n[dependencies]\nserde = "1"\n';
    const result = parseTomlTolerant(text);
    assert.deepEqual(tableNames(result.programs, text), ['package.metadata.deb', 'dependencies']);
  });
});
