import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { addExceptionEdits, addLicenseChoiceEdits, applyAll, type PolicyEditResult } from '../../../../src/core/policy/edit';
import { parsePolicy } from '../../../../src/core/policy/load';

const GPL_LIB = { package: 'gpl-lib', ecosystem: 'npm', version: '2.0.1', license: 'GPL-3.0-only' };

/** The edited text, failing the test when the edit was refused. */
function edited(text: string, result: PolicyEditResult): string {
  assert.ok(result.ok, result.ok ? '' : result.message);
  return applyAll(text, result.edits);
}

/** The text with the user's reason typed where the cursor was left. */
function typeReason(text: string, reason: string): string {
  const result = addExceptionEdits(text, GPL_LIB);
  const after = edited(text, result);
  assert.ok(result.ok);
  return after.slice(0, result.cursor) + reason + after.slice(result.cursor);
}

describe('policy edits: adding an exception', () => {
  it('creates the whole policy in an empty file', () => {
    const after = edited('', addExceptionEdits('', GPL_LIB));
    assert.deepEqual(parse(after), { exceptions: [{ ...GPL_LIB, reason: '' }] });
    assert.ok(after.endsWith('\n'));
  });

  it('keeps the comments of a file that has nothing else', () => {
    const text = '// The ACME policy\n';
    const after = edited(text, addExceptionEdits(text, GPL_LIB));
    assert.ok(after.startsWith('// The ACME policy\n{'), after);
    assert.equal(parse(after).exceptions.length, 1);
  });

  it('adds an "exceptions" field to a policy without one, keeping its comments and trailing comma', () => {
    const text = '{\n  // our policy\n  "distribution": "saas",\n}\n';
    const after = edited(text, addExceptionEdits(text, GPL_LIB));
    assert.match(after, /^\{\n {2}\/\/ our policy\n {2}"distribution": "saas",\n {2}"exceptions": \[/);
    assert.deepEqual(parse(after, [], { allowTrailingComma: true }), { distribution: 'saas', exceptions: [{ ...GPL_LIB, reason: '' }] });
  });

  it('keeps a comment on the last field with that field', () => {
    const text = '{\n  "distribution": "saas" // we host it\n}\n';
    const after = edited(text, addExceptionEdits(text, GPL_LIB));
    assert.ok(after.startsWith('{\n  "distribution": "saas", // we host it\n  "exceptions": [\n    {\n'), after);
    assert.equal(parse(after).exceptions.length, 1);
  });

  it('appends to an existing exceptions array without touching the entries already there', () => {
    const text = '{\n  "exceptions": [\n    { "package": "a", "reason": "r" } // approved in March\n  ]\n}\n';
    const after = edited(text, addExceptionEdits(text, GPL_LIB));
    assert.ok(after.includes('    { "package": "a", "reason": "r" }, // approved in March\n    {\n      "package": "gpl-lib",'), after);
    assert.deepEqual(
      parse(after).exceptions.map((e: { package: string }) => e.package),
      ['a', 'gpl-lib'],
    );
  });

  it('keeps a trailing comma after the last exception a trailing comma', () => {
    const text = '{\n  "exceptions": [\n    { "package": "a", "reason": "r" }, // ok\n  ],\n}\n';
    const after = edited(text, addExceptionEdits(text, GPL_LIB));
    assert.ok(after.includes('{ "package": "a", "reason": "r" }, // ok\n    {'), after);
    assert.match(after, /"reason": ""\n {4}\},\n {2}\],/);
    assert.equal(parse(after, [], { allowTrailingComma: true }).exceptions.length, 2);
  });

  it('fills an empty exceptions array', () => {
    const text = '{\n  "exceptions": []\n}\n';
    const after = edited(text, addExceptionEdits(text, GPL_LIB));
    assert.deepEqual(parse(after).exceptions, [{ ...GPL_LIB, reason: '' }]);
  });

  it('keeps a comment in an empty exceptions array', () => {
    const text = '{\n  "exceptions": [ // none approved yet\n  ]\n}\n';
    const after = edited(text, addExceptionEdits(text, GPL_LIB));
    assert.match(after, /\/\/ none approved yet/);
    assert.deepEqual(parse(after).exceptions, [{ ...GPL_LIB, reason: '' }]);
  });

  it('indents like the file does, with tabs', () => {
    const text = '{\n\t"exceptions": [\n\t\t{ "package": "a", "reason": "r" }\n\t]\n}\n';
    const after = edited(text, addExceptionEdits(text, GPL_LIB));
    assert.ok(after.includes('\n\t\t{\n\t\t\t"package": "gpl-lib",'), after);
  });

  it('keeps Windows line endings', () => {
    const text = '{\r\n  "exceptions": [\r\n    { "package": "a", "reason": "r" }\r\n  ]\r\n}\r\n';
    const after = edited(text, addExceptionEdits(text, GPL_LIB));
    assert.equal(after.replace(/\r\n/g, '').includes('\n'), false, 'no bare line feed');
  });

  it('leaves the cursor inside the empty reason, so what the user types becomes the reason', () => {
    const text = '{\n  "exceptions": [\n    { "package": "a", "reason": "r" }\n  ]\n}\n';
    const result = parsePolicy(typeReason(text, 'runs as a separate process'), '/repo/.ospo/policy.json');
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    assert.equal(result.policy.exceptions[1].reason, 'runs as a separate process');
    assert.equal(result.policy.exceptions[1].version, '2.0.1');
  });

  it('leaves the cursor inside the reason of a brand-new policy too', () => {
    const result = parsePolicy(typeReason('', 'approved by the OSPO'), '/repo/.ospo/policy.json');
    assert.ok(result.ok);
    assert.equal(result.policy.exceptions[0].reason, 'approved by the OSPO');
  });

  it('omits what is not known, such as the version', () => {
    const after = edited('{}', addExceptionEdits('{}', { package: 'mystery', license: undefined, version: undefined }));
    assert.deepEqual(parse(after), { exceptions: [{ package: 'mystery', reason: '' }] });
  });

  it('refuses a file that is not valid JSON, saying where it is broken', () => {
    const result = addExceptionEdits('{\n  "exceptions": [\n', GPL_LIB);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /not valid JSON \(line 3, column 1: .+\); fix it first/);
  });

  it('refuses a policy whose top level is not an object', () => {
    const result = addExceptionEdits('[]', GPL_LIB);
    assert.match(result.ok ? '' : result.message, /must contain a JSON object/);
  });

  it('refuses "exceptions" that is not an array', () => {
    const result = addExceptionEdits('{ "exceptions": {} }', GPL_LIB);
    assert.match(result.ok ? '' : result.message, /"exceptions" in the policy file is not an array/);
  });
});

describe('policy edits: recording a license choice', () => {
  const CHOICE = { package: 'dual-lib', ecosystem: 'npm', version: '1.0.0', expression: 'MIT OR GPL-3.0-only', chosen: 'MIT' };

  it('adds a licenseChoices entry that the policy loads', () => {
    const text = '{ "recordChoices": true }';
    const result = parsePolicy(edited(text, addLicenseChoiceEdits(text, CHOICE)), '/repo/.ospo/policy.json');
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    assert.deepEqual(
      result.policy.licenseChoices.map(({ package: name, version, expression, chosen }) => ({ name, version, expression, chosen })),
      [{ name: 'dual-lib', version: '1.0.0', expression: 'MIT OR GPL-3.0-only', chosen: 'MIT' }],
    );
  });

  it('puts the cursor on the chosen license', () => {
    const text = '{}';
    const result = addLicenseChoiceEdits(text, CHOICE);
    const after = edited(text, result);
    assert.ok(result.ok);
    assert.equal(after.slice(result.cursor, result.cursor + 4), 'MIT"');
  });
});

describe('policy edits on absurd input', () => {
  it('refuses a policy nested thousands of levels deep instead of crashing', () => {
    const result = addExceptionEdits(`${'['.repeat(20_000)}${']'.repeat(20_000)}`, { package: 'x', reason: '' } as never);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.message, /nested more than 256 levels/);
  });
});
