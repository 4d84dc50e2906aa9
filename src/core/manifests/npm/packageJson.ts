import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { MAX_JSON_DEPTH, excessiveJsonNesting } from '../../jsonNesting';
import type { Dependency, ManifestError, ParsedManifest, Range, Scope } from '../../model';
import { LineIndex } from '../../text';
import type { ManifestFormat } from '../types';

/** The sections of package.json that list dependencies, and the scope each implies. */
export const NPM_DEPENDENCY_SECTIONS: ReadonlyArray<readonly [section: string, scope: Scope]> = [
  ['dependencies', 'runtime'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
];

function isPackageJsonPath(filePath: string): boolean {
  const normalised = filePath.replace(/\\/g, '/');
  // Installed packages' own manifests are metadata, not the user's dependencies.
  return /(^|\/)package\.json$/.test(normalised) && !/(^|\/)node_modules\//.test(normalised);
}

/**
 * Parses package.json text. Uses jsonc-parser because it keeps offsets and
 * recovers from half-typed JSON, which is what the editor sees while the user types.
 */
export function parsePackageJson(text: string): ParsedManifest {
  const lines = new LineIndex(text);
  const tooDeep = excessiveJsonNesting(text);
  if (tooDeep !== undefined) {
    const message = `package.json nests more than ${MAX_JSON_DEPTH} levels deep here: it is not read`;
    return { dependencies: [], errors: [{ message, range: lines.rangeOf(tooDeep, tooDeep + 1) }] };
  }
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  const errors: ManifestError[] = parseErrors.map((e) => ({
    message: `package.json is not valid JSON here: ${describeParseError(e)}`,
    range: lines.rangeOf(e.offset, e.offset + e.length),
  }));
  if (!root || root.type !== 'object') {
    return { dependencies: [], errors };
  }

  const dependencies: Dependency[] = [];
  for (const [section, scope] of NPM_DEPENDENCY_SECTIONS) {
    const sectionNode = propertyValue(root, section);
    if (sectionNode?.type !== 'object') continue;
    for (const property of sectionNode.children ?? []) {
      const dependency = toDependency(property, scope, lines, text);
      if (dependency) dependencies.push(dependency);
    }
  }

  const licenseNode = propertyValue(root, 'license');
  const projectLicense = licenseNode?.type === 'string' ? String(licenseNode.value) : undefined;
  return { dependencies, errors, projectLicense };
}

function toDependency(property: Node, scope: Scope, lines: LineIndex, text: string): Dependency | undefined {
  const [keyNode, valueNode] = property.children ?? [];
  // A half-typed entry (no value yet, or a value that is not a string) is not a
  // dependency yet: reporting it would flash a "license unknown" on every keystroke.
  if (property.type !== 'property' || keyNode?.type !== 'string' || valueNode?.type !== 'string') {
    return undefined;
  }
  const name = String(keyNode.value);
  if (name.trim() === '') return undefined;
  return {
    ecosystem: 'npm',
    name,
    requested: String(valueNode.value),
    scope,
    range: insideQuotes(keyNode, lines, text),
    requestedRange: insideQuotes(valueNode, lines, text),
    direct: true,
  };
}

/** A string node's range without its quotes; a half-typed string has no closing quote to leave out. */
function insideQuotes(node: Node, lines: LineIndex, text: string): Range {
  const closed = node.length >= 2 && text.charCodeAt(node.offset + node.length - 1) === 34 /* " */;
  return lines.rangeOf(node.offset + 1, node.offset + node.length - (closed ? 1 : 0));
}

/** The value node of a top-level property; the last one wins, as in JSON.parse. */
function propertyValue(object: Node, key: string): Node | undefined {
  let found: Node | undefined;
  for (const property of object.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode?.value === key && valueNode) found = valueNode;
  }
  return found;
}

function describeParseError(error: ParseError): string {
  const code = printParseErrorCode(error.error);
  // "PropertyNameExpected" -> "property name expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export const packageJsonFormat: ManifestFormat = {
  ecosystem: 'npm',
  label: 'package.json',
  filePattern: '**/package.json',
  matches: isPackageJsonPath,
  parse: parsePackageJson,
};
