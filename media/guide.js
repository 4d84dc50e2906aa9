// The Guide view's script. It only renders the model the extension posts (whose
// HTML was sanitised there) and sends back what the user asks for. It runs under
// a nonce'd Content-Security-Policy and loads nothing from outside.
(function () {
  const vscode = acquireVsCodeApi();
  const $ = (id) => document.getElementById(id);
  const VERDICT = { allow: 'Allowed', review: 'Needs OSPO review', deny: 'Not allowed' };

  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (key === 'text') node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children || []) node.appendChild(child);
    return node;
  }

  function sectionButton(guideId, slug, label) {
    const button = el('button', { class: 'link', type: 'button', text: label });
    button.addEventListener('click', () => vscode.postMessage({ type: 'showSection', guideId, slug }));
    return button;
  }

  function render(model) {
    const finding = $('finding');
    finding.replaceChildren();
    if (model.headline) {
      const box = el('div', { class: `headline ${model.headline.verdict || ''}`, role: 'status' });
      if (model.headline.verdict) box.appendChild(el('div', { class: 'verdict', text: VERDICT[model.headline.verdict] }));
      box.appendChild(el('div', { class: 'title', text: model.headline.title }));
      box.appendChild(el('p', { class: 'reason', text: model.headline.reason }));
      finding.appendChild(box);
    } else if (model.excerpts.length === 0) {
      finding.appendChild(el('p', { class: 'hint', text: 'Put the cursor on a dependency in a manifest to see what the OSPO guides say about its license.' }));
    }

    const excerpts = $('excerpts');
    excerpts.replaceChildren();
    for (const excerpt of model.excerpts) {
      const article = el('article', { class: 'excerpt', 'aria-label': excerpt.heading });
      const body = el('div', { class: 'body' });
      body.innerHTML = excerpt.html; // sanitised by the extension: no raw HTML, checked links
      article.appendChild(body);
      const open = el('button', { class: 'link source', type: 'button', text: `From "${excerpt.guideTitle}" — open the whole guide` });
      open.addEventListener('click', () => vscode.postMessage({ type: 'openGuide', guideId: excerpt.guideId, slug: excerpt.slug }));
      article.appendChild(open);
      excerpts.appendChild(article);
    }

    const results = $('results');
    results.replaceChildren();
    results.hidden = !model.query;
    if (model.query) {
      results.appendChild(el('h2', { text: `Search: ${model.query}` }));
      const list = el('ul');
      for (const hit of model.searchResults || []) {
        list.appendChild(el('li', {}, [sectionButton(hit.guideId, hit.slug, `${hit.heading} (${hit.guideTitle})`)]));
      }
      if (!model.searchResults || model.searchResults.length === 0) list.appendChild(el('li', { text: 'Nothing found.' }));
      results.appendChild(list);
    }

    const toc = $('toc');
    toc.replaceChildren(el('h2', { text: 'All guides' }));
    for (const guide of model.toc) {
      const open = el('button', { class: 'link', type: 'button', text: guide.title });
      open.addEventListener('click', () => vscode.postMessage({ type: 'openGuide', guideId: guide.guideId }));
      const list = el('ul');
      for (const section of guide.sections) list.appendChild(el('li', {}, [sectionButton(guide.guideId, section.slug, section.heading)]));
      toc.appendChild(el('div', { class: 'guide' }, [open, list]));
    }
  }

  $('search').addEventListener('submit', (event) => {
    event.preventDefault();
    vscode.postMessage({ type: 'search', query: $('query').value });
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message && message.type === 'render') {
      vscode.setState(message.model); // shown again at once if the view is hidden and re-opened
      render(message.model);
    }
  });

  const saved = vscode.getState();
  if (saved) render(saved);
  vscode.postMessage({ type: 'ready' });
})();
