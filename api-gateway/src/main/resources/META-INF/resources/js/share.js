// A share link's page, for anyone holding the link (signed in or not); a protected link asks for its password.

import {api, ApiError} from './api.js';
import {h, clear} from './dom.js';
import {Grid} from './grid.js';
import {sharedSource} from './thumbs.js';
import {openViewer} from './viewer.js';

export function showShare(app, token) {
  const main = h('main', {id: 'main', class: 'shared'});
  app.append(h('header', {class: 'shell'}, h('span', {class: 'brand'}, 'Darkroom'),
    h('span', {class: 'spacer'}), h('span', {class: 'who'}, 'Shared with you')), main);
  const source = sharedSource(token);
  let grid = null;
  const base = `/api/v1/shared/${encodeURIComponent(token)}`;

  async function load() {
    clear(main);
    try {
      const view = await api(base, {quiet401: true});
      const title = view.title || (view.scope === 'item' ? 'A shared photo' : 'Shared album');
      document.title = `${title} · Darkroom`;
      const items = view.items;
      let given = false;
      grid = new Grid({source, label: title,
        loadMore: async () => { if (given) return null; given = true; return items; },
        onOpen: (index) => openViewer({items: grid.items, index, source})});
      main.append(h('div', {class: 'page-head'}, h('div', {},
        h('h1', {}, title),
        h('p', {class: 'album-meta'}, `${items.length} ${items.length === 1 ? 'item' : 'items'}`
          + (view.expiresAt ? ` · link expires ${new Date(view.expiresAt).toLocaleDateString()}` : '')))), grid.root);
      grid.start();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) askPassword();
      else main.append(h('div', {class: 'message'}, h('h1', {}, 'This link does not open'), h('p', {role: 'alert'}, e.message)));
    }
  }

  function askPassword() {
    const error = h('p', {class: 'error', role: 'alert'});
    const input = h('input', {id: 'share-unlock', type: 'password', required: true, autocomplete: 'off'});
    const form = h('form', {class: 'login'}, h('h1', {}, 'This link has a password'),
      h('label', {for: 'share-unlock'}, 'Password'), input, h('button', {type: 'submit'}, 'Open'), error);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await api(`${base}/unlock`, {method: 'POST', quiet401: true, body: {password: input.value}});
        load();
      } catch (e) {
        error.textContent = e.message;
      }
    });
    main.append(form);
    input.focus();
  }

  load();
  return () => { grid?.dispose(); document.title = 'Darkroom'; };
}
