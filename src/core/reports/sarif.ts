import type { DependencyResult, ManifestCheck } from '../check';
import type { GuideSection } from '../guides/guide';
import type { ManifestError } from '../model';
import type { RuleCode } from '../policy/evaluate';
import { guideSection, isIgnored, licenseLabel, relativePath, sha256, type ReportInput, type ReportManifest } from './common';
import { ruleText } from './rules';

/** The schema the output conforms to (test/schemas/sarif-2.1.0). */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** GitHub code scanning resolves `%SRCROOT%` to the repository checkout. */
const SRCROOT = '%SRCROOT%';
const FINGERPRINT = 'ospoLens/v1';

type Level = 'error' | 'warning';

/** A reportingDescriptor (SARIF 3.49) for one rule code. */
interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly help: { readonly text: string; readonly markdown: string };
  readonly defaultConfiguration: { readonly level: Level };
  readonly properties: { readonly tags: readonly string[] };
}

/**
 * SARIF 2.1.0 for code scanning: one run whose results are the dependencies to review
 * (warning) and the denied ones (error), located on the dependency's name in its manifest.
 * Allowed and ignored dependencies are not results. Rules carry the guide sections their
 * results point at as help, so the explanation travels with the alert.
 */
export function sarifReport(input: ReportInput): string {
  const flagged = input.manifests.flatMap((manifest) =>
    manifest.check.results.filter((r) => r.verdict !== 'allow' && !isIgnored(r)).map((result) => ({ manifest, result })),
  );
  const rules = buildRules(flagged);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const fingerprints = new Map<string, number>();
  const results = flagged.map(({ result }) => sarifResult(result, input.root, ruleIndex.get(result.rule) ?? -1, fingerprints));
  const notifications = input.manifests.flatMap(({ check }) => check.errors.map((error) => notification(check, error, input.root)));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: input.tool.name,
            version: input.tool.version,
            semanticVersion: input.tool.version,
            rules,
          },
        },
        invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(input.root) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function buildRules(flagged: ReadonlyArray<{ manifest: ReportManifest; result: DependencyResult }>): SarifRule[] {
  const byRule = new Map<RuleCode, { level: Level; sections: Map<string, GuideSection> }>();
  for (const { manifest, result } of flagged) {
    const entry = byRule.get(result.rule) ?? { level: 'warning' as Level, sections: new Map<string, GuideSection>() };
    if (result.verdict === 'deny') entry.level = 'error';
    const section = guideSection(manifest.guides, result);
    if (section && result.guide) entry.sections.set(`${result.guide.guide}#${result.guide.section}`, section);
    byRule.set(result.rule, entry);
  }
  return [...byRule.entries()].map(([id, { level, sections }]) => {
    const text = ruleText(id);
    const guides = [...sections.values()];
    return {
      id,
      name: pascalCase(id),
      shortDescription: { text: text.short },
      fullDescription: { text: text.full },
      help: {
        // Plain text keeps the guide's words without markdown syntax; markdown keeps it whole.
        text: guides.length > 0 ? guides.map((s) => plainText(s.markdown)).join('\n\n') : text.full,
        markdown: guides.length > 0 ? guides.map((s) => s.markdown.trim()).join('\n\n') : text.full,
      },
      defaultConfiguration: { level },
      properties: { tags: ['license', 'ospo'] },
    };
  });
}

function sarifResult(result: DependencyResult, root: string, ruleIndex: number, seen: Map<string, number>): Record<string, unknown> {
  const manifest = relativePath(result.manifest, root);
  const { start, end } = result.range;
  return {
    ruleId: result.rule,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: result.verdict === 'deny' ? 'error' : 'warning',
    message: { text: result.reason },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(result.manifest, root),
          region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT]: fingerprint([manifest, result.ecosystem, result.name, result.scope, result.rule], seen) },
    properties: {
      package: result.name,
      ecosystem: result.ecosystem,
      version: result.version,
      requested: result.requested,
      scope: result.scope,
      license: licenseLabel(result),
      verdict: result.verdict,
      ...(result.guide ? { guide: result.guide } : {}),
    },
  };
}

function notification(check: ManifestCheck, error: ManifestError, root: string): Record<string, unknown> {
  const { start, end } = error.range;
  return {
    level: 'warning',
    message: { text: `${relativePath(check.manifest, root)}: ${error.message}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(check.manifest, root),
          region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
        },
      },
    ],
  };
}

/**
 * Stable across runs and line moves: the manifest, the package, its scope and the rule.
 * The same package twice in one manifest and scope gets a counter, so no two results share one.
 */
function fingerprint(parts: readonly string[], seen: Map<string, number>): string {
  const base = sha256(parts.join('\u0000'));
  const count = (seen.get(base) ?? 0) + 1;
  seen.set(base, count);
  return count === 1 ? base : `${base}:${count}`;
}

/** Relative to `%SRCROOT%` inside the root; an absolute file URI outside it. */
function artifactLocation(file: string, root: string): { uri: string; uriBaseId?: string } {
  const rel = relativePath(file, root);
  return rel.startsWith('/') || /^[A-Za-z]:\//.test(rel) ? { uri: fileUri(rel) } : { uri: encodePath(rel), uriBaseId: SRCROOT };
}

function directoryUri(dir: string): string {
  const uri = fileUri(dir.split('\\').join('/'));
  return uri.endsWith('/') ? uri : `${uri}/`;
}

function fileUri(absolute: string): string {
  return `file://${absolute.startsWith('/') ? '' : '/'}${encodePath(absolute)}`;
}

function encodePath(p: string): string {
  return p
    .split('/')
    .map((segment) => (/^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_m, _dash: string, c: string) => c.toUpperCase());
}

/** Guide markdown as plain text: headings, emphasis and link syntax removed, words kept. */
function plainText(markdown: string): string {
  return markdown
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    // Emphasis markers only where they open and close a span, so snake_case words stay whole.
    .replace(/(?<![\w*])(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?![\w*])/g, '$2')
    .trim();
}
