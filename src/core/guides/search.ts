import type { Guide, GuideSection } from './guide';

export interface SearchHit {
  readonly guide: Guide;
  readonly section: GuideSection;
  readonly score: number;
}

/**
 * Finds the sections that contain every word of the query (case-insensitive);
 * headings count more than body text. Empty queries find nothing.
 */
export function searchGuides(guides: readonly Guide[], query: string, limit = 20): SearchHit[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const guide of guides) {
    for (const section of guide.sections) {
      const heading = section.heading.toLowerCase();
      const body = section.markdown.toLowerCase();
      if (!words.every((w) => body.includes(w))) continue;
      const score = words.reduce((sum, w) => sum + (heading.includes(w) ? 10 : 0) + Math.min(5, countOf(body, w)), 0);
      hits.push({ guide, section, score });
    }
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}

function countOf(text: string, word: string): number {
  let count = 0;
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) count++;
  return count;
}
