import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadGuideFolder, parseGuide } from '../../../../src/core/guides/guide';
import { selectExcerpts } from '../../../../src/core/guides/select';
import { CATEGORIES } from '../../../../src/core/licenses/categories';
import { REPO_ROOT } from '../../repo';

const sample = `---
id: usage
title: Using open source
kind: usage
---
# Using open source
Intro.

## Strong copyleft
<!-- applies-to: category:strong-copyleft, license:GPL-3.0-only -->
Do not link it.

## Permissive
<!-- applies-to: category:permissive -->
Keep notices.

\`\`\`
## not a heading
\`\`\`
`;

describe('guides', () => {
  it('reads front matter, sections and what each applies to', () => {
    const guide = parseGuide(sample, 'x');
    assert.equal(guide.id, 'usage');
    assert.equal(guide.kind, 'usage');
    assert.deepEqual(guide.sections.map((s) => [s.heading, s.slug]), [
      ['Using open source', 'using-open-source'],
      ['Strong copyleft', 'strong-copyleft'],
      ['Permissive', 'permissive'],
    ]);
    assert.deepEqual(guide.sections[1].appliesTo, [
      { type: 'category', value: 'strong-copyleft' },
      { type: 'license', value: 'GPL-3.0-only' },
    ]);
  });

  it('never shows the applies-to directives', () => {
    const guide = parseGuide(sample, 'x');
    assert.doesNotMatch(guide.markdown, /applies-to/);
    assert.doesNotMatch(guide.markdown, /^---/);
  });

  it('ranks a section about the exact license above one about its category', () => {
    const guide = parseGuide(sample, 'x');
    const [best] = selectExcerpts([guide], { licenses: ['GPL-3.0-only'], category: 'strong-copyleft' });
    assert.equal(best.section.heading, 'Strong copyleft');
    assert.equal(selectExcerpts([guide], { licenses: ['MIT'], category: 'permissive' })[0].section.heading, 'Permissive');
  });

  describe('embedded defaults', () => {
    it('has a usage, a contribution and a release guide', async () => {
      const guides = await loadGuideFolder(path.join(REPO_ROOT, 'media', 'guides'));
      assert.deepEqual(guides.map((g) => g.kind).sort(), ['contribution', 'release', 'usage']);
    });

    it('has a usage section for every license category and for unknown licenses', async () => {
      const guides = await loadGuideFolder(path.join(REPO_ROOT, 'media', 'guides'));
      for (const category of [...CATEGORIES, 'unknown' as const]) {
        const [best] = selectExcerpts(guides, { licenses: [], category });
        assert.ok(best, `no section for ${category}`);
        assert.equal(best.guide.kind, 'usage', category);
      }
    });

    it('sends a GPL-3.0-only dependency to the GPL section', async () => {
      const guides = await loadGuideFolder(path.join(REPO_ROOT, 'media', 'guides'));
      const [best] = selectExcerpts(guides, { licenses: ['GPL-3.0-only'], category: 'strong-copyleft' });
      assert.match(best.section.heading, /GPL/);
    });
  });
});
