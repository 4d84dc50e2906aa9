import type { Ecosystem } from '../model';

/**
 * Package URLs (https://github.com/package-url/purl-spec) for the ecosystems we read.
 * Each namespace segment, the name and the version are percent-encoded on their own,
 * so a `/` or `@` inside a name can never be read as a separator.
 */
export function packageUrl(ecosystem: Ecosystem, name: string, version: string | null): string {
  const { type, namespace, name: purlName } = purlParts(ecosystem, name);
  const path = [...namespace, purlName].map(encodeSegment).join('/');
  return `pkg:${type}/${path}${version ? `@${encodeSegment(version)}` : ''}`;
}

/** The group and the name a package is known by, split the way its ecosystem splits them. */
export function groupAndName(ecosystem: Ecosystem, name: string): { readonly group?: string; readonly name: string } {
  if (ecosystem === 'maven') {
    const colon = name.indexOf(':');
    return colon > 0 ? { group: name.slice(0, colon), name: name.slice(colon + 1) } : { name };
  }
  if (ecosystem === 'npm' && name.startsWith('@') && name.includes('/')) {
    const slash = name.indexOf('/');
    return { group: name.slice(0, slash), name: name.slice(slash + 1) };
  }
  return { name };
}

interface PurlParts {
  readonly type: string;
  readonly namespace: readonly string[];
  readonly name: string;
}

function purlParts(ecosystem: Ecosystem, name: string): PurlParts {
  switch (ecosystem) {
    case 'npm': {
      // npm names are lower case by rule; the purl type says so too.
      const { group, name: bare } = groupAndName('npm', name.toLowerCase());
      return { type: 'npm', namespace: group ? [group] : [], name: bare };
    }
    case 'pypi':
      // The purl pypi type normalises names as PEP 503 does.
      return { type: 'pypi', namespace: [], name: name.toLowerCase().replace(/[-_.]+/g, '-') };
    case 'cargo':
      return { type: 'cargo', namespace: [], name };
    case 'go': {
      // The golang type wants namespace and name lower-cased; the module path's
      // segments become namespace segments, the last one the name.
      const segments = name.toLowerCase().split('/').filter((s) => s !== '');
      return { type: 'golang', namespace: segments.slice(0, -1), name: segments.at(-1) ?? name };
    }
    case 'maven': {
      const { group, name: artifact } = groupAndName('maven', name);
      return { type: 'maven', namespace: group ? group.split('/') : [], name: artifact };
    }
    case 'nuget':
      return { type: 'nuget', namespace: [], name };
  }
}

/**
 * Percent-encodes everything but unreserved characters (RFC 3986) and the colon,
 * which the purl specification (ECMA-427 5.4) leaves as it is.
 */
function encodeSegment(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%3A/g, ':');
}
