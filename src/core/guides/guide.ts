import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export type GuideKind = 'usage' | 'contribution' | 'release' | 'other';

/** What a section says it applies to: `license:MIT`, `category:permissive`, `topic:dco`… */
export interface AppliesTo {
  readonly type: 'license' | 'category' | 'obligation' | 'verdict' | 'topic';
  readonly value: string;
}

export interface GuideSection {
  readonly heading: string;
  /** The anchor a markdown renderer gives this heading (GitHub-style slug). */
  readonly slug: string;
  readonly level: number;
  readonly appliesTo: readonly AppliesTo[];
  /** The section's markdown, heading included, directives removed. */
  readonly markdown: string;
}

export interface Guide {
  readonly id: string;
  readonly title: string;
  readonly kind: GuideKind;
  /** The whole guide as markdown for display: front matter and directives removed. */
  readonly markdown: string;
  readonly sections: readonly GuideSection[];
}

const APPLIES_TO = /^\s*<!--\s*applies-to:\s*(.*?)\s*-->\s*$/;
const KINDS: readonly GuideKind[] = ['usage', 'contribution', 'release', 'other'];
const APPLIES_TYPES = new Set<AppliesTo['type']>(['license', 'category', 'obligation', 'verdict', 'topic']);

/** Parses a guide document. `fallbackId` names it when the front matter does not. */
export function parseGuide(text: string, fallbackId: string): Guide {
  const { fields, body } = splitFrontMatter(text.replace(/\r\n?/g, '\n'));
  const kind = KINDS.includes(fields.kind as GuideKind) ? (fields.kind as GuideKind) : 'other';
  const lines = body.split('\n');
  const kept: string[] = [];
  const sections: Array<{ heading: string; slug: string; level: number; appliesTo: AppliesTo[]; lines: string[] }> = [];
  const slugCounts = new Map<string, number>();
  let inFence = false;

  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    const directive = inFence ? null : APPLIES_TO.exec(line);
    if (heading) {
      const slug = uniqueSlug(slugify(heading[2]), slugCounts);
      sections.push({ heading: heading[2], slug, level: heading[1].length, appliesTo: [], lines: [] });
    }
    if (directive) {
      sections.at(-1)?.appliesTo.push(...parseAppliesTo(directive[1]));
      continue; // directives are for the selector, never shown
    }
    kept.push(line);
    sections.at(-1)?.lines.push(line);
  }

  const title = fields.title ?? sections.find((s) => s.level === 1)?.heading ?? fallbackId;
  return {
    id: fields.id ?? fallbackId,
    title,
    kind,
    markdown: kept.join('\n').trim() + '\n',
    sections: sections.map((s) => ({
      heading: s.heading,
      slug: s.slug,
      level: s.level,
      appliesTo: s.appliesTo,
      markdown: s.lines.join('\n').trim() + '\n',
    })),
  };
}

/** Loads every `*.md` guide in a folder, sorted by file name. Unreadable files are skipped. */
export async function loadGuideFolder(folder: string): Promise<Guide[]> {
  let names: string[];
  try {
    names = (await fs.readdir(folder)).filter((n) => n.toLowerCase().endsWith('.md')).sort();
  } catch {
    return [];
  }
  const guides: Guide[] = [];
  for (const name of names) {
    try {
      guides.push(parseGuide(await fs.readFile(path.join(folder, name), 'utf8'), path.basename(name, path.extname(name))));
    } catch {
      // a guide that cannot be read is left out; the others still help
    }
  }
  return guides;
}

/** GitHub-style heading anchor, which VS Code's markdown preview also uses. */
export function slugify(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_~[\]()]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function uniqueSlug(slug: string, counts: Map<string, number>): string {
  const seen = counts.get(slug) ?? 0;
  counts.set(slug, seen + 1);
  return seen === 0 ? slug : `${slug}-${seen}`;
}

function parseAppliesTo(list: string): AppliesTo[] {
  return list
    .split(',')
    .map((token) => token.trim())
    .map((token) => {
      const colon = token.indexOf(':');
      const type = token.slice(0, colon) as AppliesTo['type'];
      const value = token.slice(colon + 1).trim();
      return colon > 0 && APPLIES_TYPES.has(type) && value !== '' ? { type, value } : undefined;
    })
    .filter((a): a is AppliesTo => a !== undefined);
}

function splitFrontMatter(text: string): { fields: Record<string, string>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (!match) return { fields: {}, body: text };
  const fields: Record<string, string> = {};
  for (const line of match[1].split('\n')) {
    const field = /^([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$/.exec(line);
    if (field) fields[field[1]] = field[2].replace(/^["']|["']$/g, '');
  }
  return { fields, body: text.slice(match[0].length) };
}
