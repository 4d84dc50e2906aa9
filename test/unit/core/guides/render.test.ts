import * as assert from 'node:assert/strict';
import { renderGuideMarkdown, safeHref, type LinkPolicy } from '../../../../src/core/guides/render';
import { searchGuides } from '../../../../src/core/guides/search';
import { parseGuide } from '../../../../src/core/guides/guide';

const links: LinkPolicy = {
  allowedCommands: ['ospoLens.openUsageGuide'],
  guideLink: (target) => (/^[a-z-]+\.md(#[a-z0-9-]+)?$|^#[a-z0-9-]+$/.test(target) ? `command:ospoLens.openUsageGuide?${encodeURIComponent(JSON.stringify([target]))}` : undefined),
};
const render = (markdown: string): string => renderGuideMarkdown(markdown, links);

/** Markdown an attacker could put in an organisation's guide folder or bundle. */
const HOSTILE: Array<[string, string]> = [
  ['script tag', '<script>alert(1)</script>'],
  ['script in a paragraph', 'Hello <script src="https://evil.example/x.js"></script> world'],
  ['img onerror', '<img src=x onerror="alert(1)">'],
  ['svg onload', '<svg onload="alert(1)"><circle r="10"/></svg>'],
  ['svg script', '<svg><script>alert(1)</script></svg>'],
  ['iframe', '<iframe src="https://evil.example"></iframe>'],
  ['event handler on a div', '<div onclick="alert(1)">click</div>'],
  ['style tag', '<style>body{display:none}</style>'],
  ['javascript link', '[click](javascript:alert(1))'],
  ['obfuscated javascript link', '[click](java\tscript:alert(1))'],
  ['upper-case javascript link', '[click](JAVASCRIPT:alert(1))'],
  ['entity-encoded javascript link', '[click](&#106;avascript:alert(1))'],
  ['vbscript link', '[click](vbscript:msgbox(1))'],
  ['data URL link', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['data URL image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
  ['remote image', '![tracking pixel](https://evil.example/pixel.png)'],
  ['autolinked javascript', '<javascript:alert(1)>'],
  ['http (not https) link', '[plain](http://evil.example)'],
  ['file link', '[secrets](file:///etc/passwd)'],
  ['protocol-relative link', '[x](//evil.example/a)'],
  ['command not allowed', '[rm](command:workbench.action.terminal.sendSequence?%5B%22rm%20-rf%22%5D)'],
  ['reference-style javascript link', '[x][evil]\n\n[evil]: javascript:alert(1)'],
  ['html comment hiding script', '<!-- --><script>alert(1)</script><!-- -->'],
  ['object/embed', '<object data="x.swf"></object><embed src="x.swf">'],
  ['form', '<form action="https://evil.example"><input name=a></form>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
  ['link stylesheet', '<link rel="stylesheet" href="https://evil.example/x.css">'],
  ['base tag', '<base href="https://evil.example/">'],
];

const SAFE_TAGS = new Set(['p', 'a', 'code', 'pre', 'strong', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'br', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 's']);
const SAFE_HREF = /^(https:|mailto:|command:ospoLens\.openUsageGuide(\?|$))/;

/** Every real tag (escaped text is not markup) is harmless, with only safe attributes. */
function assertOnlySafeMarkup(html: string): void {
  for (const [tag, name, attributes] of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    assert.ok(SAFE_TAGS.has(name.toLowerCase()), `unsafe tag ${tag} in ${html}`);
    for (const [, attribute, value] of attributes.matchAll(/\s([^\s=]+)(?:="([^"]*)")?/g)) {
      assert.ok(['href', 'title', 'style'].includes(attribute) && !(attribute === 'style' && !/^text-align:(left|right|center)$/.test(value ?? '')), `unsafe attribute ${attribute} in ${tag}`);
      if (attribute === 'href') assert.match(value ?? '', SAFE_HREF, `unsafe link ${value}`);
    }
  }
}

describe('guide rendering (sanitiser)', () => {
  it('has a markup check that rejects real scripts, handlers and unsafe links', () => {
    assert.throws(() => assertOnlySafeMarkup('<p><img src="x" onerror="alert(1)"></p>'));
    assert.throws(() => assertOnlySafeMarkup('<a href="javascript:alert(1)">x</a>'));
    assert.throws(() => assertOnlySafeMarkup('<p onclick="x">y</p>'));
    assert.doesNotThrow(() => assertOnlySafeMarkup('<p>&lt;script&gt;</p>'));
  });

  for (const [name, markdown] of HOSTILE) {
    it(`neutralises ${name}`, () => {
      assertOnlySafeMarkup(render(markdown));
    });
  }

  it('keeps https, mailto and allowed command links', () => {
    const html = render('[spdx](https://spdx.org/licenses/) [ospo](mailto:ospo@example.com) [guide](command:ospoLens.openUsageGuide)');
    assert.match(html, /<a href="https:\/\/spdx\.org\/licenses\/" title="https:\/\/spdx\.org\/licenses\/">spdx<\/a>/);
    assert.match(html, /<a href="mailto:ospo@example\.com">ospo<\/a>/);
    assert.match(html, /<a href="command:ospoLens\.openUsageGuide">guide<\/a>/);
  });

  it('keeps the text of a refused link', () => {
    assert.equal(render('[click here](javascript:alert(1))').trim(), '<p>click here</p>');
  });

  it('turns links to other guides and sections into guide commands', () => {
    assert.match(render('[CLA](contribution.md#cla)'), /href="command:ospoLens\.openUsageGuide\?/);
  });

  it('renders ordinary markdown: headings, lists, code and tables', () => {
    const html = render('## Notices\n\n- keep `LICENSE`\n- add **NOTICE**\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    assert.match(html, /<h2>Notices<\/h2>/);
    assert.match(html, /<li>keep <code>LICENSE<\/code><\/li>/);
    assert.match(html, /<strong>NOTICE<\/strong>/);
    assert.match(html, /<table>/);
  });

  it('checks hrefs the way a browser reads them', () => {
    assert.equal(safeHref(' javascript:alert(1)', links), undefined);
    assert.equal(safeHref('https://ok.example', links), 'https://ok.example');
    assert.equal(safeHref('command:ospoLens.openUsageGuide?%5B%5D', links), 'command:ospoLens.openUsageGuide?%5B%5D');
    assert.equal(safeHref('command:workbench.action.openSettings', links), undefined);
  });
});

describe('guide search', () => {
  const guide = parseGuide('---\nid: usage\nkind: usage\n---\n# Usage\n## Notices\nKeep the NOTICE file.\n## GPL\nDo not link GPL code; keep notices too.\n', 'usage');

  it('finds sections containing every word, headings first', () => {
    const hits = searchGuides([guide], 'notice');
    assert.deepEqual(hits.map((h) => h.section.heading), ['Notices', 'GPL']);
  });

  it('finds nothing for an empty query or a missing word', () => {
    assert.deepEqual(searchGuides([guide], '   '), []);
    assert.deepEqual(searchGuides([guide], 'notice kubernetes'), []);
  });
});
