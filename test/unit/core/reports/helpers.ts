import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv, { type AnySchema, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import { runCli } from '../../../../src/cli/main';
import type { DependencyResult, ManifestCheck } from '../../../../src/core/check';
import type { ReportInput } from '../../../../src/core/reports/common';
import { FIXTURES, REPO_ROOT } from '../../repo';

/** 2023-11-14T22:13:20Z: every report made by these tests is pinned to it. */
export const EPOCH = '1700000000';
export const WORKSPACES = ['npm-basic', 'policy-saas', 'python-basic', 'cargo-basic', 'go-basic', 'maven-basic', 'gradle-basic', 'nuget-basic'];

export interface CliRun {
  readonly code: number;
  readonly report: string;
  readonly out: string;
  readonly err: string;
}

/** Runs `ospo-lens check PATHS --offline --format FORMAT --output <tmp>` from the fixtures folder and reads the file back. */
export async function runReport(format: string, paths: readonly string[], options: { env?: Record<string, string | undefined>; extra?: readonly string[]; cwd?: string } = {}): Promise<CliRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-report-'));
  try {
    const file = path.join(dir, `report.${format}`);
    let out = '';
    let err = '';
    const code = await runCli(
      ['check', ...paths, '--offline', '--format', format, '--output', file, ...(options.extra ?? [])],
      options.cwd ?? FIXTURES,
      { out: (t) => (out += t), err: (t) => (err += t), color: false },
      options.env ?? { SOURCE_DATE_EPOCH: EPOCH },
    );
    const report = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    return { code, report, out, err };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function workspace(name: string): string {
  return path.join('workspaces', name);
}

function readSchema(...parts: string[]): AnySchema {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test', 'schemas', ...parts), 'utf8')) as AnySchema;
}

const URI_REFERENCE = fullFormats['uri-reference'] as RegExp;

// The official schemas use keywords our own code would be linted for (`meta:enum`,
// unknown-format strings): strict mode is off because we validate documents, not schemas.
let sarif: ValidateFunction | undefined;
let spdx: ValidateFunction | undefined;
let cyclonedx: ValidateFunction | undefined;

/** SARIF 2.1.0's schema is JSON Schema draft-04. */
export function sarifValidator(): ValidateFunction {
  if (!sarif) {
    const ajv = new AjvDraft04({ strict: false, allErrors: true });
    addFormats(ajv);
    sarif = ajv.compile(readSchema('sarif-2.1.0', 'sarif-schema-2.1.0.json'));
  }
  return sarif;
}

/** SPDX 2.3's schema is JSON Schema 2019-09. */
export function spdxValidator(): ValidateFunction {
  if (!spdx) {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    spdx = ajv.compile(readSchema('spdx-2.3', 'spdx-schema.json'));
  }
  return spdx;
}

/**
 * CycloneDX 1.6 is draft-07 and refers to its SPDX-id and JSF schemas by file name. The
 * copies in test/schemas (see its README) refer to `*.SNAPSHOT.schema.json` while those
 * files keep the official `$id`s, so each is registered under the name it is referred to by.
 */
export function cyclonedxValidator(): ValidateFunction {
  if (!cyclonedx) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    // ajv-formats has no IRI formats: an IRI reference is a URI reference that may also hold
    // non-ASCII characters, so it is checked as one after percent-encoding those.
    ajv.addFormat('iri-reference', (s: string) => URI_REFERENCE.test(s.replace(/[^\u0000-\u007F]/gu, (c) => encodeURIComponent(c))));
    // An internationalised address: one @, no spaces (our BOMs carry no e-mail addresses).
    ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
    for (const file of ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json']) {
      ajv.addSchema({ ...(readSchema('cyclonedx-1.6', file) as object), $id: `http://cyclonedx.org/schema/${file}` });
    }
    cyclonedx = ajv.compile(readSchema('cyclonedx-1.6', 'bom-1.6.SNAPSHOT.schema.json'));
  }
  return cyclonedx;
}

/** Asserts validity and shows the schema's own complaints when there are any. */
export function schemaErrors(validate: ValidateFunction, document: unknown): string {
  return validate(document) ? '' : JSON.stringify(validate.errors?.slice(0, 10), null, 2);
}

const RANGE = { start: { line: 2, character: 4 }, end: { line: 2, character: 10 } };

/** A hand-made result, for the cases no fixture has (odd names, LicenseRefs, ignored lines). */
export function result(overrides: Partial<DependencyResult> & Pick<DependencyResult, 'name'>): DependencyResult {
  return {
    ecosystem: 'npm',
    requested: '^1.0.0',
    scope: 'runtime',
    range: RANGE,
    direct: true,
    manifest: '/repo/app/package.json',
    version: '1.0.0',
    license: { declared: 'MIT', expression: 'MIT', source: 'node_modules', confidence: 'exact' },
    verdict: 'allow',
    reason: 'MIT is permissive.',
    rule: 'permissive',
    obligations: ['include-notice'],
    ...overrides,
  };
}

export function input(results: readonly DependencyResult[], overrides: Partial<ReportInput> = {}, check: Partial<ManifestCheck> = {}): ReportInput {
  const manifest = results[0]?.manifest ?? '/repo/app/package.json';
  return {
    manifests: [{ check: { manifest, errors: [], results, ...check }, guides: [] }],
    root: '/repo',
    tool: { name: 'OSPO Lens', version: '9.9.9' },
    created: new Date(Number(EPOCH) * 1000),
    failOn: 'deny',
    ...overrides,
  };
}
