import MarkdownIt from 'markdown-it';

/**
 * Where a link in a guide may go once rendered. Anything else is dropped to its
 * text: guides may come from an organisation's repository or a downloaded
 * bundle, so they are treated as untrusted input.
 */
export interface LinkPolicy {
  /** Command ids the webview may run through `command:` links. */
  readonly allowedCommands: readonly string[];
  /**
   * Rewrites a link to another guide (`contribution.md#cla`) or a section
   * (`#cla`) into an allowed href, or undefined to drop it.
   */
  readonly guideLink?: (target: string) => string | undefined;
}

const ALLOWED_SCHEMES = /^(https:|mailto:)/i;

/** Renders guide markdown to HTML that is safe to put in a webview: no raw HTML, no images, checked links. */
export function renderGuideMarkdown(markdown: string, links: LinkPolicy): string {
  return createRenderer(links).render(markdown);
}

function createRenderer(links: LinkPolicy): MarkdownIt {
  // html: false escapes every raw tag (script, iframe, svg, event handlers…);
  // linkify stays off so bare text never turns into a link.
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.disable(['image']); // no remote (or any) images: the webview loads nothing from outside
  md.validateLink = () => true; // our own check below decides, and it keeps the text of a refused link

  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  const defaultLinkClose = md.renderer.rules.link_close ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  const refused = new WeakSet<object>();

  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const href = safeHref(token.attrGet('href') ?? '', links);
    if (href === undefined) {
      refused.add(closingToken(tokens, idx) ?? token);
      return '';
    }
    token.attrSet('href', href);
    if (/^https:/i.test(href)) token.attrSet('title', href);
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  md.renderer.rules.link_close = (tokens, idx, options, env, self) =>
    refused.has(tokens[idx]) ? '' : defaultLinkClose(tokens, idx, options, env, self);
  return md;
}

/** The href to render, or undefined when the link must not be followed. */
export function safeHref(raw: string, links: LinkPolicy): string | undefined {
  // Browsers ignore control characters and surrounding spaces in URLs ("java\tscript:"):
  // decide on the same string they would see.
  const href = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (ALLOWED_SCHEMES.test(href)) return href;
  const command = /^command:([A-Za-z0-9_.-]+)(\?.*)?$/.exec(href);
  if (command) return links.allowedCommands.includes(command[1]) ? href : undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined; // javascript:, data:, http:, file:, vbscript:…
  return links.guideLink?.(href);
}

function closingToken(tokens: ReadonlyArray<{ type: string; level: number }>, openIndex: number): object | undefined {
  const level = tokens[openIndex].level;
  for (let i = openIndex + 1; i < tokens.length; i++) {
    if (tokens[i].type === 'link_close' && tokens[i].level === level) return tokens[i];
  }
  return undefined;
}
