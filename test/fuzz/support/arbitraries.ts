import fc from 'fast-check';

/**
 * Generators of hostile text. Random characters alone rarely get past a parser's
 * first check, so most inputs are built from pieces of the format itself (its
 * keywords and punctuation) and from real manifests with small edits.
 */

/** Characters and pieces that break parsers of every format. */
const COMMON_TOKENS = [
  '\n', '\r\n', '\r', ' ', '\t', '"', "'", '`', '\\', '\u0000', '\uFEFF', '\uD800', '\uDC00', '\u{1F600}', 'é', '\u2028', '\u00A0',
  '#', '//', '/*', '*/', '=', ':', ',', ';', '@', '$', '{', '}', '[', ']', '(', ')', '<', '>', '/', '-', '.', '+', '~', '^', '*', '!', '%', '&',
  '0', '1.2.3', 'name', 'MIT', 'GPL-3.0-only',
];

/** Pieces of each format's syntax, by family. */
export const FORMAT_TOKENS: Readonly<Record<string, readonly string[]>> = {
  json: ['"dependencies"', '"devDependencies"', '"optionalDependencies"', '"peerDependencies"', '"license"', '{"a":', '"x": "1"', 'true', 'null', '\\u', '\\"', '": "', '",', '{', '}', '[', ']'],
  toml: [
    '[dependencies]', '[dev-dependencies]', '[build-dependencies]', '[workspace.dependencies]', '[[bin]]', '[project]', '[project.optional-dependencies]',
    '[tool.poetry.dependencies]', '[tool.poetry.group.dev.dependencies]', '[dependency-groups]', "[target.'cfg(unix)'.dependencies]", '[package]',
    "'''", '"""', '{ version = "1" }', 'workspace = true', 'optional = true', 'package = "x"', 'path = "x"', 'git = "x"', 'dependencies = [', '= [',
    '{ include-group = "dev" }', 'serde.workspace = true', 'license = "MIT"', 'a.b.c', '= {', '= "', '1979-05-27T07:32:00Z', 'inf', 'nan', '0x1F',
  ],
  requirements: [
    '-r ', '-c ', '-e ', '--hash=sha256:abc', '==', '>=', '~=', '===', '!=', '[extra]', '[a,b]', '; python_version < "3.8"', ' @ ', 'git+https://x/y.git',
    '#egg=', '\\\n', '--index-url https://x', '--requirement', '-rbase.txt', 'file:./x', '.[dev]', 'requests', 'Django', '*',
  ],
  gomod: [
    'require (', ')', 'require ', 'replace ', ' => ', 'exclude ', 'retract ', 'tool ', 'tool (', '// indirect', 'module ', 'go 1.22', 'toolchain go1.23',
    'v1.2.3', 'v0.0.0-20240101000000-abcdef123456', '+incompatible', 'github.com/a/b', '"github.com/a/b"', '../local', './x', '/*', '*/',
  ],
  xml: [
    '<dependency>', '</dependency>', '<dependencies>', '</dependencies>', '<artifactId>', '</artifactId>', '<groupId>', '</groupId>', '<version>', '</version>',
    '<scope>test</scope>', '<optional>true</optional>', '<properties>', '</properties>', '<dependencyManagement>', '<profiles>', '<parent>', '<project>', '</project>',
    '${', '${project.version}', '<!--', '-->', '<![CDATA[', ']]>', '&amp;', '&#x41;', '&#1114112;', '&bogus;', '<?xml version="1.0"?>', '<!DOCTYPE x>',
    '<Project Sdk="Microsoft.NET.Sdk">', '</Project>', '<ItemGroup>', '</ItemGroup>', '<PackageReference Include="', '" Version="', '/>', '$(', '$(Prop)',
    '<PackageVersion Include="', '<PrivateAssets>all</PrivateAssets>', '<packages>', '<package id="', '" version="', '" developmentDependency="true"', '<', '</', '>', '="',
  ],
  gradle: [
    'dependencies {', '}', 'implementation', 'api', 'testImplementation', 'compileOnly', 'runtimeOnly', 'kapt', '(', ')', '"', "'", 'group: ', 'name: ', 'version: ',
    'platform(', 'enforcedPlatform(', '$', '${', '}"', 'val ', 'def ', 'ext {', 'ext.', '"""', "'''", 'project(":core")', 'kotlin("stdlib")', 'libs.',
    'exclude group:', 'com.example:lib:1.0', '"a:b:1.+"', 'files(', 'buildscript {', 'configurations {', '//', '/*', '*/', ',', ':', '@aar', '[', ']',
  ],
  spdx: [
    'MIT', 'Apache-2.0', 'GPL-2.0', 'GPL-2.0+', 'GPL-3.0-or-later', 'LGPL-2.1-only', 'BSD-3-Clause', 'ISC', 'MPL-2.0', 'AGPL-3.0', 'EPL-2.0', 'CC-BY-NC-4.0',
    'Unlicense', 'UNLICENSED', 'SEE LICENSE IN LICENSE.txt', 'LicenseRef-Acme', 'DocumentRef-x:LicenseRef-y', 'GPL-2.0-with-classpath-exception',
    'Classpath-exception-2.0', 'WITH', 'with', 'AND', 'and', 'OR', 'or', '/', '|', '&', ',', ';', '(', ')', ' ', '+', '*', '-style', 'dual licensed under',
    'or later', '(or any later version)', 'The MIT License', 'Apache License, Version 2.0', 'GNU General Public License v3', 'BSD', 'Public Domain',
    'https://opensource.org/licenses/MIT', 'http://www.apache.org/licenses/LICENSE-2.0.txt', 'Copyright (c) Acme', 'All rights reserved', 'License ::',
    'License :: OSI Approved :: MIT License', 'License :: OSI Approved :: BSD License', 'mit', 'apache 2', 'GPLv2', 'LGPL', 'see LICENSE', 'COPYING',
  ],
};

/** Any text: full Unicode (lone surrogates included), printable ASCII, or a format's own pieces. */
export function anyText(tokens: readonly string[], maxLength = 200): fc.Arbitrary<string> {
  const pieces = [...COMMON_TOKENS, ...tokens];
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ maxLength }),
    fc.string({ unit: 'grapheme', maxLength: maxLength / 4 }),
    tokenSoup(pieces, maxLength / 2),
    tokenLines(pieces),
  );
}

/** Pieces of syntax and short words run together. */
function tokenSoup(pieces: readonly string[], maxLength: number): fc.Arbitrary<string> {
  return fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pieces) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), { maxLength }).map((parts) => parts.join(''));
}

/** Lines of pieces separated by spaces: closer to what a line-based format expects. */
function tokenLines(pieces: readonly string[]): fc.Arbitrary<string> {
  const line = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((parts) => parts.join(' '));
  return fc.tuple(fc.array(line, { maxLength: 20 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));
}

/** One small edit of a text; positions are reduced modulo the text's length when applied. */
export type Mutation =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'replace'; readonly at: number; readonly text: string }
  | { readonly kind: 'copy'; readonly from: number; readonly length: number; readonly at: number }
  | { readonly kind: 'duplicate-line' | 'delete-line'; readonly line: number }
  | { readonly kind: 'swap-lines'; readonly line: number; readonly other: number }
  | { readonly kind: 'truncate'; readonly at: number };

export function mutation(tokens: readonly string[]): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  const piece = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...COMMON_TOKENS, ...tokens) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) });
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at, text: piece }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 40 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('replace' as const), at, text: piece }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('copy' as const), from: at, length: fc.integer({ min: 1, max: 80 }), at }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('duplicate-line' as const, 'delete-line' as const), line: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap-lines' as const), line: fc.nat(), other: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at }) },
  );
}

export function applyMutation(text: string, m: Mutation): string {
  const pos = (n: number): number => n % (text.length + 1);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, pos(m.at)) + m.text + text.slice(pos(m.at));
    case 'delete':
      return text.slice(0, pos(m.at)) + text.slice(pos(m.at) + m.length);
    case 'replace':
      return text.slice(0, pos(m.at)) + m.text + text.slice(pos(m.at) + 1);
    case 'copy': {
      const from = pos(m.from);
      return text.slice(0, pos(m.at)) + text.slice(from, from + m.length) + text.slice(pos(m.at));
    }
    case 'truncate':
      return text.slice(0, pos(m.at));
    default:
      return mutateLines(text, m);
  }
}

function mutateLines(text: string, m: Extract<Mutation, { line: number }>): string {
  // Split keeping each line's own break, so mixed line endings survive.
  const lines = text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
  if (lines.length === 0) return text;
  const i = m.line % lines.length;
  if (m.kind === 'duplicate-line') lines.splice(i, 0, lines[i]);
  else if (m.kind === 'delete-line') lines.splice(i, 1);
  else if (m.kind === 'swap-lines') {
    const j = m.other % lines.length;
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  return lines.join('');
}

/** A real manifest with one to eight edits. */
export function mutatedText(bases: readonly string[], tokens: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...bases), fc.array(mutation(tokens), { minLength: 1, maxLength: 8 }))
    .map(([base, mutations]) => mutations.reduce(applyMutation, base));
}
