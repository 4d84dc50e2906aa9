// Runs the TextMate grammar tests: every test/grammar/**/*.test.* file, written in
// vscode-tmgrammar-test's format (a `SYNTAX TEST "<scope>"` header, then `^^^ scope`
// and `<--- scope` assertion lines under the source line they check).
//
// Grammars are loaded as VS Code loads them: the extension's own from package.json
// `contributes.grammars` (injections included, by `injectTo`), plus VS Code's JSON
// grammars from test/grammar/vendor as the base for the injection.
//
// Why not just the vscode-tmgrammar-test command: it reports per file and its exit
// code on failure is -1; CI reads one line with real counts per assertion. So this
// script uses the tool's parser and registry, checks each assertion itself with the
// tool's rule (a token overlapping the carets must have the scopes in order and none
// of the excluded ones), cross-checks the verdict with the tool's own runner, and ends
// with `grammar: N passed, N failed`. Exit status 1 when anything failed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { createRegistry } = require('vscode-tmgrammar-test/dist/common/index');
const { parseGrammarTestCase, runGrammarTestCase, missingScopes_ } = require('vscode-tmgrammar-test/dist/unit/index');
const { checkGrammar } = require('./license-ids');

const ROOT = path.join(__dirname, '..', '..');
const VENDOR = path.join(__dirname, 'vendor');

function grammars() {
  const contributed = require(path.join(ROOT, 'package.json')).contributes.grammars ?? [];
  return [
    ...contributed.map((g) => ({ ...g, path: path.join(ROOT, g.path) })),
    // scopeName '' lets the registry take it from the file, as the tool's -g option does
    { path: path.join(VENDOR, 'JSON.tmLanguage.json'), scopeName: 'source.json' },
    { path: path.join(VENDOR, 'JSONC.tmLanguage.json'), scopeName: 'source.json.comments' },
  ];
}

function testFiles(dir = __dirname) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'vendor' ? [] : testFiles(full);
      return /\.test\.[^.]+$/.test(entry.name) ? [full] : [];
    })
    .sort();
}

/** One result per scope assertion: { ok, message }. */
async function checkFile(registry, file) {
  const name = path.relative(ROOT, file);
  let testCase;
  try {
    testCase = parseGrammarTestCase(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return [{ ok: false, message: `${name}: ${error.message}` }];
  }
  const grammar = await registry.loadGrammar(testCase.metadata.scope);
  if (!grammar) return [{ ok: false, message: `${name}: no grammar for ${testCase.metadata.scope}` }];

  let stack = null;
  const tokensByLine = testCase.source.map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens;
  });

  const results = [];
  for (const { sourceLineNumber, testCaseLineNumber, scopeAssertions } of testCase.assertions) {
    const line = testCase.source[sourceLineNumber];
    for (const { from, to, scopes, exclude } of scopeAssertions) {
      const tokens = tokensByLine[sourceLineNumber].filter((t) => from < t.endIndex && to > t.startIndex);
      const wrong = tokens.filter((t) => missingScopes_(scopes, t.scopes).length > 0 || exclude.some((s) => t.scopes.includes(s)));
      const ok = wrong.length === 0 && (tokens.length > 0 || scopes.length === 0);
      const where = `${name}:${testCaseLineNumber + 1}`;
      const expected = [scopes.join(' '), exclude.length ? `- ${exclude.join(' ')}` : ''].filter(Boolean).join(' ');
      const actual = (wrong[0] ?? tokens[0])?.scopes.join(' ') ?? 'no token';
      results.push({
        ok,
        message: `${where}: "${line.slice(from, to)}" (columns ${from}-${to}) expected ${expected}; got ${actual}`,
      });
    }
  }

  // The tool's own verdict must agree with ours, so the counts never hide a failure.
  const toolFailures = await runGrammarTestCase(registry, testCase);
  if ((toolFailures.length > 0) !== results.some((r) => !r.ok)) {
    results.push({ ok: false, message: `${name}: vscode-tmgrammar-test reports ${toolFailures.length} failure(s), this runner disagrees` });
  }
  return results;
}

async function main() {
  const registry = createRegistry(grammars());
  const results = [];
  const files = testFiles();
  if (files.length === 0) results.push({ ok: false, message: 'no grammar test files found under test/grammar' });
  for (const file of files) {
    const fileResults = await checkFile(registry, file);
    const failed = fileResults.filter((r) => !r.ok).length;
    console.log(`${failed === 0 ? 'ok  ' : 'FAIL'} ${path.relative(ROOT, file)} (${fileResults.length} assertions)`);
    results.push(...fileResults);
  }
  const idsProblem = checkGrammar();
  console.log(`${idsProblem ? 'FAIL' : 'ok  '} the JSON injection grammar lists every id of spdx-license-ids`);
  results.push({ ok: !idsProblem, message: idsProblem });

  // stdout, like the rest: the closing line must come last, whatever reads it
  for (const failure of results.filter((r) => !r.ok)) console.log(`  ${failure.message}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`grammar: ${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  console.log('grammar: 0 passed, 1 failed');
  process.exitCode = 1;
});
