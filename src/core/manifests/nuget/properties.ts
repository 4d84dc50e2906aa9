import type { XMLElement } from '@xml-tools/ast';
import { attribute, childElements, elementText } from './xml';

/**
 * MSBuild properties defined in one file's `<PropertyGroup>`s, used to expand
 * `$(Name)` in versions. Only this file's properties are known: imported files,
 * environment variables and MSBuild's own properties are not evaluated, so a
 * reference to them stays as written.
 */
export type Properties = ReadonlyMap<string, string>;

/**
 * Reads the properties of the top-level `<PropertyGroup>`s. MSBuild names are
 * case-insensitive, so keys are lower-cased. The last unconditional definition
 * wins, as in MSBuild's evaluation; a property only defined under a condition
 * (which we cannot evaluate) takes its last conditional value.
 */
export function readProperties(project: XMLElement, source: string): Properties {
  const unconditional = new Map<string, string>();
  const conditional = new Map<string, string>();
  for (const group of childElements(project, 'PropertyGroup')) {
    const groupConditional = attribute(group, 'Condition') !== undefined;
    for (const property of group.subElements) {
      if (typeof property.name !== 'string') continue;
      const value = elementText(property, source)?.value ?? '';
      const target = groupConditional || attribute(property, 'Condition') !== undefined ? conditional : unconditional;
      target.set(property.name.toLowerCase(), value);
    }
  }
  const merged = new Map(conditional);
  for (const [key, value] of unconditional) merged.set(key, value);
  return merged;
}

const PROPERTY_REFERENCE = /\$\(\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\)/g;

/** Bounds the expansion of properties defined through each other (and cycles). */
const MAX_DEPTH = 8;

/** Expands `$(Name)` references; unknown ones (and property functions) stay as written. */
export function expandProperties(value: string, properties: Properties, depth = 0): string {
  if (!value.includes('$(') || depth >= MAX_DEPTH) return value;
  return value.replace(PROPERTY_REFERENCE, (whole, name: string) => {
    const defined = properties.get(name.toLowerCase());
    return defined === undefined ? whole : expandProperties(defined, properties, depth + 1);
  });
}

/** True when a value still holds something MSBuild would evaluate. */
export function hasUnexpanded(value: string): boolean {
  return /[$@%]\(/.test(value);
}

export function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'true';
}

