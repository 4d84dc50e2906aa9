import type { Category, Obligation } from '../licenses/categories';
import type { Verdict } from '../model';
import type { Guide, GuideSection } from './guide';

/** What a developer is looking at, as far as guide selection cares. */
export interface Finding {
  readonly licenses: readonly string[];
  /** "unknown" when the license could not be determined. */
  readonly category?: Category | 'unknown';
  readonly obligations?: readonly Obligation[];
  readonly verdict?: Verdict;
  readonly topics?: readonly string[];
}

export interface Excerpt {
  readonly guide: Guide;
  readonly section: GuideSection;
  readonly score: number;
}

/** How specific each kind of match is: a section about this exact license beats one about its category. */
const WEIGHT = { license: 100, category: 40, topic: 30, obligation: 10, verdict: 5 } as const;

/** Sections that apply to a finding, most specific first. */
export function selectExcerpts(guides: readonly Guide[], finding: Finding): Excerpt[] {
  const excerpts: Excerpt[] = [];
  for (const guide of guides) {
    for (const section of guide.sections) {
      const score = scoreSection(section, finding);
      if (score > 0) excerpts.push({ guide, section, score });
    }
  }
  return excerpts.sort((a, b) => b.score - a.score);
}

function scoreSection(section: GuideSection, finding: Finding): number {
  let score = 0;
  for (const { type, value } of section.appliesTo) {
    if (type === 'license' && finding.licenses.includes(value)) score += WEIGHT.license;
    else if (type === 'category' && finding.category === value) score += WEIGHT.category;
    else if (type === 'topic' && finding.topics?.includes(value)) score += WEIGHT.topic;
    else if (type === 'obligation' && finding.obligations?.includes(value as Obligation)) score += WEIGHT.obligation;
    else if (type === 'verdict' && finding.verdict === value) score += WEIGHT.verdict;
  }
  return score;
}
